using System.Numerics;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Backends.Cpu;
using Qml.Models.Qkan.Daruan;
using Qml.Models.Qkan.Layers;

namespace Qml.Models.Qkan.Tests;

/// <summary>
/// The independent evaluation: each edge's DARUAN circuit written out from the spec's text
/// (not from the plugin's gate program), with numeric angles, run gate by gate on the CPU
/// statevector, the readout applied to the returned amplitudes and the layer sum done here.
/// </summary>
internal static class SpecReference
{
    private static readonly Lazy<IBackend> Cpu = new(() => new CpuBackendFactory().Create(BackendOptions.Default));

    public static IBackend Backend => Cpu.Value;

    public static double[] Layer(QkanLayer layer, double[] x, int batch)
    {
        int inputs = layer.InFeatures, outputs = layer.OutFeatures;
        var y = new double[batch * outputs];
        for (int b = 0; b < batch; b++)
        {
            for (int o = 0; o < outputs; o++)
            {
                double sum = 0;
                for (int i = 0; i < inputs; i++)
                {
                    double xi = x[(b * inputs) + i];
                    double f = Edge(layer, o, i, xi);
                    double m = layer.Mask[o, i], p = layer.PostactWeights[o, i], pb = layer.PostactBias[o, i], wb = layer.BaseWeight[o, i];
                    sum += m * ((p * (f + pb)) + (wb * xi / (1 + Math.Exp(-xi))));
                }

                y[(b * outputs) + o] = sum;
            }
        }

        return y;
    }

    public static double Edge(QkanLayer layer, int o, int i, double x)
    {
        var options = layer.Options;
        int r = options.Reps;
        bool affine = options.PreactTrainable || options.Ansatz is Ansatz.Rpz or Ansatz.Px;
        double Z(int l) => affine ? (layer.PreactWeight[o, i, l] * x) + layer.PreactBias[o, i, l] : x;
        double T(int l, int k) => options.Group > 0 ? layer.Theta[i % options.Group, l, k] : layer.Theta[o, i, l, k];

        var c = new CircuitBuilder(1);
        c.H(0);
        switch (options.Ansatz)
        {
            case Ansatz.Pz:
                for (int l = 0; l < r; l++)
                {
                    c.RZ(0, T(l, 0)).RY(0, T(l, 1)).RZ(0, Z(l));
                }

                c.RZ(0, T(r, 0)).RY(0, T(r, 1));
                break;
            case Ansatz.Rpz:
                for (int l = 0; l < r; l++)
                {
                    c.RY(0, T(l, 0)).RZ(0, Z(l));
                }

                c.RY(0, T(r, 0));
                break;
            case Ansatz.Px:
                for (int l = 0; l < r; l++)
                {
                    c.RZ(0, T(l, 0)).RX(0, Math.Acos(Z(l)));
                }

                c.RZ(0, T(r, 0));
                break;
            case Ansatz.Real:
                for (int l = 0; l < r; l++)
                {
                    c.X(0).RY(0, T(l, 0)).Z(0).RY(0, Z(l));
                }

                break;
            case Ansatz.Mix:
                for (int l = 0; l < r; l++)
                {
                    c.RZ(0, T(l, 0)).RX(0, T(l, 1)).RY(0, Z(l));
                }

                c.RZ(0, T(r, 0)).RX(0, T(r, 1));
                break;
        }

        var result = Backend.ExecuteAsync(new ExecutionRequest { Circuit = c.Build(), Outputs = ResultKinds.State }).GetAwaiter().GetResult();
        Complex a0 = result.States![0, 0], a1 = result.States[0, 1];
        return options.Readout == Readout.Fast
            ? a0.Magnitude - a1.Magnitude
            : (a0.Magnitude * a0.Magnitude) - (a1.Magnitude * a1.Magnitude);
    }
}
