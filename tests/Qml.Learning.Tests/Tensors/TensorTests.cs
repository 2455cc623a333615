using Qml.Learning.Tensors;

namespace Qml.Learning.Tests.Tensors;

public sealed class TensorTests
{
    [Test]
    public void Factories_produce_the_requested_shapes_and_values()
    {
        Assert.That(Tensor.Zeros(2, 3).ToArray(), Is.EqualTo(new double[6]));
        Assert.That(Tensor.Ones(4).ToArray(), Is.EqualTo(new double[] { 1, 1, 1, 1 }));
        Assert.That(Tensor.Scalar(2.5).Rank, Is.Zero);
        Assert.That(Tensor.Scalar(2.5).Item(), Is.EqualTo(2.5));
        Tensor m = Tensor.FromMatrix(new double[,] { { 1, 2 }, { 3, 4 } });
        Assert.That(m[1, 0], Is.EqualTo(3));
        m[1, 0] = 9;
        Assert.That(m.Data[2], Is.EqualTo(9));
        Assert.Throws<ArgumentException>(() => Tensor.FromArray([2, 2], [1, 2, 3]));
        Assert.Throws<IndexOutOfRangeException>(() => _ = m[2, 0]);
        Assert.That(Tensor.Zeros(2, 0, 3).Length, Is.Zero);
    }

    [Test]
    public void Shape_is_a_copy()
    {
        Tensor t = Tensor.Zeros(2, 3);
        t.Shape[0] = 7;
        Assert.That(t.Shape, Is.EqualTo(new[] { 2, 3 }));
        Assert.That(t.Dim(-1), Is.EqualTo(3));
    }

    [Test]
    public void Random_factories_are_deterministic_per_seed_and_have_the_right_moments()
    {
        Tensor a = Tensor.RandomNormal(new Random(5), [20001], 1.0, 2.0);
        Tensor b = Tensor.RandomNormal(new Random(5), [20001], 1.0, 2.0);
        Assert.That(a.ToArray(), Is.EqualTo(b.ToArray()));
        double mean = a.ToArray().Average();
        double std = Math.Sqrt(a.ToArray().Select(v => (v - mean) * (v - mean)).Average());
        Assert.That(mean, Is.EqualTo(1.0).Within(0.05));
        Assert.That(std, Is.EqualTo(2.0).Within(0.05));

        Tensor u = Tensor.RandomUniform(new Random(6), [1000], -3, -1);
        Assert.That(u.ToArray(), Has.All.InRange(-3.0, -1.0));
        Assert.That(u.ToArray().Average(), Is.EqualTo(-2).Within(0.1));
    }

    [Test]
    public void ToString_shows_shape_and_values()
    {
        string s = Tensor.FromArray([2], [1.5, -2]).ToString();
        Assert.That(s, Does.Contain("[2]").And.Contain("1.5").And.Contain("-2"));
    }
}
