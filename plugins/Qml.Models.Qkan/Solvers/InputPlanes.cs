using Qml.Models.Qkan.Daruan;

namespace Qml.Models.Qkan.Solvers;

/// <summary>
/// The batch transposed to [inputs, stride] (stride = batch rounded up to 8, padding zero) with
/// what every edge of an input shares: SiLU(x), SiLU′(x), and for raw-x data angles cos(x/2), sin(x/2).
/// </summary>
internal sealed class InputPlanes
{
    private InputPlanes(int stride, double[] x, double[] silu, double[] siluDerivative, double[] cosHalf, double[] sinHalf)
    {
        Stride = stride;
        X = x;
        Silu = silu;
        SiluDerivative = siluDerivative;
        CosHalf = cosHalf;
        SinHalf = sinHalf;
    }

    public int Stride { get; }

    public double[] X { get; }

    public double[] Silu { get; }

    public double[] SiluDerivative { get; }

    public double[] CosHalf { get; }

    public double[] SinHalf { get; }

    public static InputPlanes Create(DaruanSpec spec, double[] x, int batch)
    {
        int inputs = spec.Inputs;
        int stride = (batch + 7) & ~7;
        var xT = new double[inputs * stride];
        var silu = new double[inputs * stride];
        var dSilu = new double[inputs * stride];
        bool shared = !spec.UsesAffineData;
        var cos = shared ? new double[inputs * stride] : [];
        var sin = shared ? new double[inputs * stride] : [];
        for (int i = 0; i < inputs; i++)
        {
            int row = i * stride;
            for (int b = 0; b < stride; b++)
            {
                double v = b < batch ? x[(b * inputs) + i] : 0.0;
                double sigmoid = 1.0 / (1.0 + Math.Exp(-v));
                xT[row + b] = v;
                silu[row + b] = v * sigmoid;
                dSilu[row + b] = sigmoid * (1.0 + (v * (1.0 - sigmoid)));
                if (shared)
                {
                    (sin[row + b], cos[row + b]) = Math.SinCos(0.5 * v);
                }
            }
        }

        return new InputPlanes(stride, xT, silu, dSilu, cos, sin);
    }
}
