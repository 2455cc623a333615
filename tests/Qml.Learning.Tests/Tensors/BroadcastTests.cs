using Qml.Learning.Tensors;
using Qml.Learning.Tests.Autodiff;

namespace Qml.Learning.Tests.Tensors;

public sealed class BroadcastTests
{
    private static readonly (int[] A, int[] B)[] Pairs =
    [
        ([3, 4], [3, 4]),
        ([3, 4], [4]),
        ([4], [3, 4]),
        ([3, 1], [1, 4]),
        ([2, 3, 4], [3, 1]),
        ([2, 1, 4], [1, 3, 1]),
        ([5], []),
        ([], [2, 3]),
        ([1, 1], [3]),
        ([2, 3, 1, 5], [3, 4, 1]),
        ([6, 1], [6, 1]),
    ];

    private static IEnumerable<TestCaseData> Cases()
    {
        (string Name, Func<Tensor, Tensor, Tensor> Op)[] ops = [("add", Ops.Add), ("sub", Ops.Sub), ("mul", Ops.Mul), ("div", Ops.Div)];
        int seed = 100;
        foreach (var (name, op) in ops)
        {
            foreach (var (a, b) in Pairs)
            {
                yield return new TestCaseData(op, a, b, seed++).SetName($"{name} [{string.Join(",", a)}] by [{string.Join(",", b)}]");
            }
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void Broadcast_binary_gradient_matches_finite_differences(Func<Tensor, Tensor, Tensor> op, int[] shapeA, int[] shapeB, int seed)
    {
        Tensor a = TestData.Uniform(seed, 0.5, 2.0, shapeA);
        Tensor b = TestData.Uniform(seed + 1000, 0.5, 2.0, shapeB);
        GradientCheck.Verify(() => op(a, b), a, b);
    }

    [TestCaseSource(nameof(Cases))]
    public void Broadcast_binary_values_match_an_elementwise_reference(Func<Tensor, Tensor, Tensor> op, int[] shapeA, int[] shapeB, int seed)
    {
        Tensor a = TestData.Uniform(seed, 0.5, 2.0, shapeA);
        Tensor b = TestData.Uniform(seed + 1000, 0.5, 2.0, shapeB);
        Tensor r = op(a, b);
        int rank = r.Rank;
        int[] index = new int[rank];
        for (int flat = 0; flat < r.Length; flat++)
        {
            int rem = flat;
            for (int d = rank - 1; d >= 0; d--)
            {
                index[d] = rem % r.Dims[d];
                rem /= r.Dims[d];
            }

            double expected = op(Tensor.Scalar(At(a, index)), Tensor.Scalar(At(b, index))).Item();
            Assert.That(r.Data[flat], Is.EqualTo(expected).Within(1e-15), $"element {flat}");
        }
    }

    [Test]
    public void Incompatible_shapes_are_rejected_with_both_shapes_named()
    {
        var ex = Assert.Throws<ArgumentException>(() => Ops.Add(Tensor.Zeros(3, 4), Tensor.Zeros(3)));
        Assert.That(ex!.Message, Does.Contain("[3, 4]").And.Contain("[3]"));
    }

    [Test]
    public void BroadcastTo_copies_and_sums_gradients_back()
    {
        Tensor x = TestData.Normal(5, 3, 1);
        Tensor r = Ops.BroadcastTo(x, 2, 3, 4);
        Assert.That(r.Shape, Is.EqualTo(new[] { 2, 3, 4 }));
        Assert.That(r[1, 2, 3], Is.EqualTo(x[2, 0]));
        GradientCheck.Verify(() => Ops.BroadcastTo(x, 2, 3, 4), x);
    }

    /// <summary>Reads a tensor at a broadcast index (right-aligned, size-1 axes pinned to 0).</summary>
    private static double At(Tensor t, int[] index)
    {
        int lead = index.Length - t.Rank;
        int flat = 0;
        for (int d = 0; d < t.Rank; d++)
        {
            int i = t.Dims[d] == 1 ? 0 : index[lead + d];
            flat = (flat * t.Dims[d]) + i;
        }

        return t.Data[flat];
    }
}
