using Qml.Learning.Layers;
using Qml.Learning.Tensors;
using Qml.Learning.Tests.Autodiff;

namespace Qml.Learning.Tests.Layers;

public sealed class LstmTests
{
    [Test]
    public void Cell_matches_a_hand_written_scalar_reference()
    {
        const int batch = 2, input = 3, hidden = 2;
        var cell = new LstmCell(input, hidden, seed: 5);
        Tensor x = TestData.Normal(100, batch, input);
        Tensor h0 = TestData.Normal(101, batch, hidden), c0 = TestData.Normal(102, batch, hidden);
        LstmState state = cell.Step(x, new LstmState(h0, c0));

        double[,] h = new double[batch, hidden], c = new double[batch, hidden];
        Reference(x, h0, c0, cell.WeightIh.Value, cell.WeightHh.Value, cell.BiasIh.Value, cell.BiasHh.Value, h, c);
        for (int b = 0; b < batch; b++)
        {
            for (int j = 0; j < hidden; j++)
            {
                Assert.That(state.H[b, j], Is.EqualTo(h[b, j]).Within(1e-14));
                Assert.That(state.C[b, j], Is.EqualTo(c[b, j]).Within(1e-14));
            }
        }
    }

    [Test]
    public void Unrolled_lstm_matches_repeated_reference_steps()
    {
        const int batch = 2, steps = 3, input = 2, hidden = 3;
        var lstm = new Lstm(input, hidden, seed: 6);
        Tensor x = TestData.Normal(103, batch, steps, input);
        LstmOutput output = lstm.Run(x);
        Assert.That(output.Outputs.Shape, Is.EqualTo(new[] { batch, steps, hidden }));

        Tensor h = Tensor.Zeros(batch, hidden), c = Tensor.Zeros(batch, hidden);
        for (int t = 0; t < steps; t++)
        {
            var xt = Tensor.Zeros(batch, input);
            for (int b = 0; b < batch; b++)
            {
                for (int i = 0; i < input; i++)
                {
                    xt[b, i] = x[b, t, i];
                }
            }

            double[,] hn = new double[batch, hidden], cn = new double[batch, hidden];
            Reference(xt, h, c, lstm.WeightIh.Value, lstm.WeightHh.Value, lstm.BiasIh.Value, lstm.BiasHh.Value, hn, cn);
            h = Tensor.FromMatrix(hn);
            c = Tensor.FromMatrix(cn);
            for (int b = 0; b < batch; b++)
            {
                for (int j = 0; j < hidden; j++)
                {
                    Assert.That(output.Outputs[b, t, j], Is.EqualTo(h[b, j]).Within(1e-14), $"step {t}");
                }
            }
        }

        Assert.That(output.Final.H.ToArray(), Is.EqualTo(h.ToArray()).Within(1e-14));
        Assert.That(output.Final.C.ToArray(), Is.EqualTo(c.ToArray()).Within(1e-14));
        Assert.That(lstm.NamedParameters().Select(p => p.Name), Is.EqualTo(new[] { "weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0" }));
    }

    [Test]
    public void Lstm_gradients_through_time_match_finite_differences()
    {
        var lstm = new Lstm(2, 3, seed: 7);
        Tensor x = TestData.Normal(104, 2, 4, 2);
        Tensor h0 = TestData.Normal(105, 2, 3), c0 = TestData.Normal(106, 2, 3);
        Tensor[] wrt = [x, h0, c0, .. lstm.Parameters().Select(p => p.Value)];
        GradientCheck.Verify(() =>
        {
            LstmOutput o = lstm.Run(x, new LstmState(h0, c0));
            return Ops.Concat([Ops.Reshape(o.Outputs, 2, -1), o.Final.C], 1);
        }, wrt);

        var cell = new LstmCell(2, 3, seed: 8);
        Tensor xc = TestData.Normal(107, 2, 2);
        GradientCheck.Verify(() => cell.Forward(xc), [xc, .. cell.Parameters().Select(p => p.Value)]);
    }

    private static void Reference(Tensor x, Tensor h0, Tensor c0, Tensor wih, Tensor whh, Tensor bih, Tensor bhh, double[,] h, double[,] c)
    {
        int batch = x.Dim(0), input = x.Dim(1), hidden = h0.Dim(1);
        static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));
        for (int b = 0; b < batch; b++)
        {
            var z = new double[4 * hidden];
            for (int r = 0; r < 4 * hidden; r++)
            {
                double s = bih[r] + bhh[r];
                for (int i = 0; i < input; i++)
                {
                    s += wih[r, i] * x[b, i];
                }

                for (int j = 0; j < hidden; j++)
                {
                    s += whh[r, j] * h0[b, j];
                }

                z[r] = s;
            }

            for (int j = 0; j < hidden; j++)
            {
                double ig = Sigmoid(z[j]), fg = Sigmoid(z[hidden + j]), gg = Math.Tanh(z[(2 * hidden) + j]), og = Sigmoid(z[(3 * hidden) + j]);
                c[b, j] = (fg * c0[b, j]) + (ig * gg);
                h[b, j] = og * Math.Tanh(c[b, j]);
            }
        }
    }
}
