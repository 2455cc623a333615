using Qml.Learning.Tensors;
using Qml.Learning.Tests.Autodiff;

namespace Qml.Learning.Tests.Tensors;

public sealed class ElementwiseGradientTests
{
    private static readonly int[][] Shapes = [[], [1], [7], [3, 4], [2, 3, 4], [2, 1, 3, 2]];

    private static IEnumerable<TestCaseData> UnaryCases()
    {
        (string Name, Func<Tensor, Tensor> Op, double Low, double High)[] ops =
        [
            ("exp", Ops.Exp, -2, 2),
            ("log", Ops.Log, 0.2, 3),
            ("sin", Ops.Sin, -3, 3),
            ("cos", Ops.Cos, -3, 3),
            ("tanh", Ops.Tanh, -2, 2),
            ("sigmoid", Ops.Sigmoid, -4, 4),
            ("silu", Ops.Silu, -4, 4),
            ("neg", Ops.Neg, -2, 2),
            ("square", Ops.Square, -2, 2),
            ("sqrt", Ops.Sqrt, 0.2, 3),
            ("reciprocal", Ops.Reciprocal, 0.3, 2),
            ("pow 2.5", x => Ops.Pow(x, 2.5), 0.2, 2),
            ("pow -1.5", x => Ops.Pow(x, -1.5), 0.3, 2),
            ("add scalar", x => Ops.AddScalar(x, 1.7), -2, 2),
            ("mul scalar", x => Ops.MulScalar(x, -0.6), -2, 2),
            ("operators", x => (2.0 - (x * 3.0)) / 4.0 + (1.0 / (x + 5.0)), -2, 2),
        ];
        int seed = 0;
        foreach (var (name, op, low, high) in ops)
        {
            foreach (int[] shape in Shapes)
            {
                yield return new TestCaseData(op, low, high, shape, seed++).SetName($"{name} [{string.Join(",", shape)}]");
            }
        }
    }

    [TestCaseSource(nameof(UnaryCases))]
    public void Unary_op_gradient_matches_finite_differences(Func<Tensor, Tensor> op, double low, double high, int[] shape, int seed)
    {
        Tensor x = TestData.Uniform(seed, low, high, shape);
        GradientCheck.Verify(() => op(x), x);
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    public void Kinked_ops_have_correct_gradients_away_from_their_kinks(int seed)
    {
        Tensor x = TestData.AwayFromZero(seed, 0.05, 3, 5);
        GradientCheck.Verify(() => Ops.Relu(x), x);
        GradientCheck.Verify(() => Ops.Abs(x), x);

        // Clamp bounds lie between values, never within a step of one.
        Tensor y = Tensor.FromVector(-2.0, -0.7, -0.2, 0.1, 0.35, 0.9, 1.6);
        GradientCheck.Verify(() => Ops.Clamp(y, -0.5, 0.5), y);
    }

    [Test]
    public void Relu_and_clamp_forward_values()
    {
        Tensor x = Tensor.FromVector(-1, 0, 2);
        Assert.That(Ops.Relu(x).ToArray(), Is.EqualTo(new[] { 0.0, 0, 2 }));
        Assert.That(Ops.Clamp(x, -0.5, 1).ToArray(), Is.EqualTo(new[] { -0.5, 0, 1 }));
        Assert.That(Ops.Silu(Tensor.FromVector(0.0)).Item(), Is.Zero);
    }
}
