using Qml.Learning.Tensors;
using Qml.Learning.Tests.Autodiff;

namespace Qml.Learning.Tests.Tensors;

public sealed class ReductionAndShapeTests
{
    [Test]
    public void Sum_over_axes_matches_hand_sums()
    {
        Tensor x = Tensor.FromArray([2, 3], [1, 2, 3, 4, 5, 6]);
        Assert.That(Ops.Sum(x).Item(), Is.EqualTo(21));
        Assert.That(Ops.Sum(x, 0).ToArray(), Is.EqualTo(new double[] { 5, 7, 9 }));
        Assert.That(Ops.Sum(x, 1).ToArray(), Is.EqualTo(new double[] { 6, 15 }));
        Assert.That(Ops.Sum(x, -1, keepDim: true).Shape, Is.EqualTo(new[] { 2, 1 }));
        Assert.That(Ops.Mean(x, [0, 1]).Item(), Is.EqualTo(3.5));
        Assert.That(Ops.Mean(x, 0).ToArray(), Is.EqualTo(new double[] { 2.5, 3.5, 4.5 }));
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Reductions_over_random_shapes_and_axes_have_correct_gradients(int seed)
    {
        var random = new Random(seed);
        int rank = 1 + (seed % 4);
        Tensor x = Tensor.RandomNormal(random, TestData.Shape(random, rank));
        GradientCheck.Verify(() => Ops.Sum(x), x);
        GradientCheck.Verify(() => Ops.Mean(x), x);
        for (int axis = 0; axis < rank; axis++)
        {
            int a = axis;
            GradientCheck.Verify(() => Ops.Sum(x, a), x);
            GradientCheck.Verify(() => Ops.Mean(x, a, keepDim: true), x);
        }

        if (rank >= 2)
        {
            GradientCheck.Verify(() => Ops.Sum(x, [0, rank - 1]), x);
        }
    }

    [Test]
    public void Reshape_shares_storage_and_infers_one_dimension()
    {
        Tensor x = Tensor.FromArray([2, 3], [1, 2, 3, 4, 5, 6]);
        Tensor r = Ops.Reshape(x, 3, -1);
        Assert.That(r.Shape, Is.EqualTo(new[] { 3, 2 }));
        x.Data[0] = 42;
        Assert.That(r.Data[0], Is.EqualTo(42));
        Assert.Throws<ArgumentException>(() => Ops.Reshape(x, 4, -1));
        GradientCheck.Verify(() => Ops.Mul(Ops.Reshape(x, 6), Ops.Reshape(x, 6)), x);
    }

    [Test]
    public void Transpose_and_permute_move_elements_and_gradients()
    {
        Tensor x = Tensor.FromArray([2, 3], [1, 2, 3, 4, 5, 6]);
        Tensor t = Ops.Transpose(x);
        Assert.That(t.Shape, Is.EqualTo(new[] { 3, 2 }));
        Assert.That(t.ToArray(), Is.EqualTo(new double[] { 1, 4, 2, 5, 3, 6 }));

        Tensor y = TestData.Normal(7, 2, 3, 4);
        Tensor p = Ops.Permute(y, 2, 0, 1);
        Assert.That(p.Shape, Is.EqualTo(new[] { 4, 2, 3 }));
        Assert.That(p[3, 1, 2], Is.EqualTo(y[1, 2, 3]));
        GradientCheck.Verify(() => Ops.Permute(y, 2, 0, 1), y);
        GradientCheck.Verify(() => Ops.Transpose(y, 0, 2), y);
    }

    [Test]
    public void Narrow_select_concat_and_stack_have_correct_values_and_gradients()
    {
        Tensor x = TestData.Normal(8, 3, 5, 2);
        Tensor n = Ops.Narrow(x, 1, 1, 3);
        Assert.That(n.Shape, Is.EqualTo(new[] { 3, 3, 2 }));
        Assert.That(n[2, 0, 1], Is.EqualTo(x[2, 1, 1]));
        Assert.That(Ops.Select(x, 1, 4).Shape, Is.EqualTo(new[] { 3, 2 }));
        Assert.That(Ops.Slice(x, -1, 1, 2)[1, 3, 0], Is.EqualTo(x[1, 3, 1]));
        GradientCheck.Verify(() => Ops.Narrow(x, 1, 1, 3), x);
        GradientCheck.Verify(() => Ops.Select(x, 0, 2), x);

        Tensor a = TestData.Normal(9, 2, 3), b = TestData.Normal(10, 2, 1), c = TestData.Normal(11, 2, 2);
        Tensor cat = Ops.Concat([a, b, c], 1);
        Assert.That(cat.Shape, Is.EqualTo(new[] { 2, 6 }));
        Assert.That(cat[1, 3], Is.EqualTo(b[1, 0]));
        Assert.That(cat[1, 5], Is.EqualTo(c[1, 1]));
        GradientCheck.Verify(() => Ops.Concat([a, b, c], 1), a, b, c);
        GradientCheck.Verify(() => Ops.Concat([a, a], 0), a);

        Tensor s = Ops.Stack([a, a * 2.0], 1);
        Assert.That(s.Shape, Is.EqualTo(new[] { 2, 2, 3 }));
        Assert.That(s[1, 1, 2], Is.EqualTo(2 * a[1, 2]));
        GradientCheck.Verify(() => Ops.Stack([a, Ops.Sin(a)], 2), a);
    }

    [Test]
    public void IndexSelect_and_gather_scatter_their_gradients()
    {
        Tensor table = TestData.Normal(12, 5, 3);
        int[] rows = [4, 0, 4, 2];
        Tensor picked = Ops.IndexSelect(table, rows);
        Assert.That(picked[2, 1], Is.EqualTo(table[4, 1]));
        GradientCheck.Verify(() => Ops.IndexSelect(table, rows), table);

        int[] cols = [2, 0, 1, 1, 0];
        Tensor g = Ops.Gather(table, cols);
        Assert.That(g.ToArray(), Is.EqualTo(new[] { table[0, 2], table[1, 0], table[2, 1], table[3, 1], table[4, 0] }));
        GradientCheck.Verify(() => Ops.Gather(table, cols), table);
        Assert.That(Ops.ArgMax(Tensor.FromArray([2, 3], [0, 5, 1, 9, -1, 3])), Is.EqualTo(new[] { 1, 0 }));
    }
}
