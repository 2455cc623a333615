using Qml.Learning.Tensors;
using Qml.Models.Qkan.Layers;

namespace Qml.Models.Qkan.Tests;

/// <summary>Tape gradients of L = Σ y·R and their central finite differences.</summary>
internal static class Gradients
{
    public static (double[] X, Dictionary<string, double[]> Parameters) Tape(QkanLayer layer, double[] x, int batch, double[] weights)
    {
        layer.ZeroGrad();
        var input = Tensor.FromArray([batch, layer.InFeatures], x);
        input.RequiresGrad = true;
        var loss = Ops.Sum(Ops.Mul(layer.Forward(input), Tensor.FromArray([batch, layer.OutFeatures], weights)));
        loss.Backward();
        var parameters = layer.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter.Grad?.ToArray() ?? new double[p.Parameter.Length]);
        return (input.Grad!.ToArray(), parameters);
    }

    public static double Loss(QkanLayer layer, double[] x, int batch, double[] weights)
    {
        var y = layer.Forward(Tensor.FromArray([batch, layer.InFeatures], x)).ToArray();
        double sum = 0;
        for (int k = 0; k < y.Length; k++)
        {
            sum += y[k] * weights[k];
        }

        return sum;
    }

    public static double Central(Func<double> loss, Span<double> data, int index, double h = 1e-6)
    {
        double keep = data[index];
        data[index] = keep + h;
        double plus = loss();
        data[index] = keep - h;
        double minus = loss();
        data[index] = keep;
        return (plus - minus) / (2 * h);
    }
}
