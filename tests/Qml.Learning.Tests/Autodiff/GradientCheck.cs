using Qml.Learning.Autodiff;
using Qml.Learning.Tensors;

namespace Qml.Learning.Tests.Autodiff;

/// <summary>
/// Compares reverse-mode gradients with central finite differences. The function may return any
/// shape: it is contracted with fixed random weights w, so the check covers the whole
/// vector-Jacobian product (L = Σ w ⊙ f), not only a sum that could hide cancelling errors.
/// </summary>
internal static class GradientCheck
{
    public const double DefaultTolerance = 1e-6;

    /// <summary>Asserts that every gradient of <paramref name="f"/> with respect to <paramref name="wrt"/> matches finite differences.</summary>
    /// <param name="f">Recomputes the output from the current values of <paramref name="wrt"/>; must be deterministic.</param>
    /// <param name="wrt">Leaf tensors whose data is perturbed in place; their RequiresGrad is set.</param>
    public static void Verify(Func<Tensor> f, params Tensor[] wrt) => Verify(f, DefaultTolerance, 1e-5, wrt);

    public static void Verify(Func<Tensor> f, double tolerance, double step, params Tensor[] wrt)
    {
        foreach (Tensor t in wrt)
        {
            t.RequiresGrad = true;
            t.ZeroGrad();
        }

        Tensor output = f();
        Tensor weights = Tensor.RandomNormal(new Random(12345), output.Shape);
        Ops.Sum(Ops.Mul(output, weights)).Backward();

        double Loss()
        {
            using var scope = new NoGradScope();
            Tensor o = f();
            double s = 0;
            ReadOnlySpan<double> od = o.Data, wd = weights.Data;
            for (int i = 0; i < od.Length; i++)
            {
                s += od[i] * wd[i];
            }

            return s;
        }

        for (int w = 0; w < wrt.Length; w++)
        {
            Tensor t = wrt[w];
            double[] analytic = t.Grad?.ToArray() ?? new double[t.Length];
            Assert.That(analytic, Has.Length.EqualTo(t.Length), $"Gradient {w} has the wrong length.");
            var numeric = new double[t.Length];
            for (int i = 0; i < t.Length; i++)
            {
                double saved = t.Data[i];
                t.Data[i] = saved + step;
                double plus = Loss();
                t.Data[i] = saved - step;
                double minus = Loss();
                t.Data[i] = saved;
                numeric[i] = (plus - minus) / (2 * step);
            }

            Compare(analytic, numeric, tolerance, $"input {w} {Describe(t)}");
        }
    }

    /// <summary>Relative error per element against a floor of 1e-3 of the largest gradient (tiny entries are all noise), and norm-wise.</summary>
    public static void Compare(double[] analytic, double[] numeric, double tolerance, string what)
    {
        double diffNorm = 0, aNorm = 0, nNorm = 0, scale = 0;
        for (int i = 0; i < numeric.Length; i++)
        {
            diffNorm += (analytic[i] - numeric[i]) * (analytic[i] - numeric[i]);
            aNorm += analytic[i] * analytic[i];
            nNorm += numeric[i] * numeric[i];
            scale = Math.Max(scale, Math.Abs(numeric[i]));
        }

        double normError = Math.Sqrt(diffNorm) / Math.Max(Math.Max(Math.Sqrt(aNorm), Math.Sqrt(nNorm)), 1e-12);
        Assert.That(normError, Is.LessThan(tolerance), $"{what}: norm-wise relative error {normError:E2}.");
        for (int i = 0; i < numeric.Length; i++)
        {
            double denom = Math.Max(Math.Max(Math.Abs(analytic[i]), Math.Abs(numeric[i])), Math.Max(1e-3 * scale, 1e-10));
            double rel = Math.Abs(analytic[i] - numeric[i]) / denom;
            Assert.That(rel, Is.LessThan(tolerance), $"{what}: element {i}: analytic {analytic[i]:R}, numeric {numeric[i]:R}.");
        }
    }

    private static string Describe(Tensor t) => "[" + string.Join(", ", t.Shape) + "]";
}
