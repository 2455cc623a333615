using System.Numerics;
using Qml.Abstractions;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Models.Classifiers.Vqc;

namespace Qml.Models.Classifiers.Kernels;

/// <summary>
/// The fidelity kernel K(x, x′) = |⟨φ(x′)|φ(x)⟩|² of the ZZ feature map (Havlíček et al.), one
/// qubit per feature, features entering as s·x + o. With <see cref="Shots"/> = 0 on a
/// state-access backend it prepares each sample's state once (one batched request) and forms
/// the Gram matrix by inner products; otherwise it runs the compute–uncompute circuit
/// U(x′)†U(x)|0⟩ per pair with shots and counts all-zero outcomes. Gram matrices compute only
/// the upper triangle and set the diagonal to 1.
/// </summary>
public sealed class FidelityKernel : IKernel
{
    private readonly IReadOnlyList<(int I, int J)> _pairs;

    public FidelityKernel(IBackend backend, int features, int reps = 2, double scale = Math.PI / 2, double offset = Math.PI / 2, int shots = 0, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(reps, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(shots);
        Backend = backend;
        Features = features;
        Reps = reps;
        Scale = scale;
        Offset = offset;
        Seed = seed;
        _pairs = VqcModel.Pairs(features, "full");
        UsesStates = shots == 0 && backend.Info.Capabilities.StateAccess;
        if (!UsesStates && shots == 0)
        {
            throw new QmlException($"backend '{backend.Info.Name}' has no state access; the fidelity kernel needs shots > 0 for compute–uncompute there.");
        }

        Shots = shots;
        FeatureMap = BuildMap(inverseToo: false);
        ComputeUncompute = BuildMap(inverseToo: true);
    }

    public IBackend Backend { get; }

    public int Features { get; }

    public int Reps { get; }

    public double Scale { get; }

    public double Offset { get; }

    public int Shots { get; }

    public ulong Seed { get; }

    /// <summary>Statevector inner products (true) or compute–uncompute with shots (false).</summary>
    public bool UsesStates { get; }

    /// <summary>U(x): the ZZ feature map, Input symbols x0.., then z{i}_{j} = (π − x′_i)(π − x′_j).</summary>
    public Circuit FeatureMap { get; }

    /// <summary>U(y)†U(x), symbols of x then of y (prefixed y).</summary>
    public Circuit ComputeUncompute { get; }

    /// <summary>The symmetric n×n Gram matrix of the rows of <paramref name="x"/> (n × Features, row-major).</summary>
    public double[,] Gram(double[] x)
    {
        var rows = Rows(x);
        var gram = new double[rows, rows];
        if (UsesStates)
        {
            var states = States(x);
            for (var i = 0; i < rows; i++)
            {
                gram[i, i] = 1.0;
                for (var j = i + 1; j < rows; j++)
                {
                    gram[i, j] = gram[j, i] = Fidelity(states.Row(i), states.Row(j));
                }
            }

            return gram;
        }

        var pairs = new List<(int, int)>();
        for (var i = 0; i < rows; i++)
        {
            gram[i, i] = 1.0;
            for (var j = i + 1; j < rows; j++)
            {
                pairs.Add((i, j));
            }
        }

        var values = Sampled(x, x, pairs);
        for (var p = 0; p < pairs.Count; p++)
        {
            var (i, j) = pairs[p];
            gram[i, j] = gram[j, i] = values[p];
        }

        return gram;
    }

    /// <summary>The m×n matrix K(a_i, b_j) (a: m rows, b: n rows).</summary>
    public double[,] Matrix(double[] a, double[] b)
    {
        var m = Rows(a);
        var n = Rows(b);
        var result = new double[m, n];
        if (UsesStates)
        {
            var sa = States(a);
            var sb = States(b);
            for (var i = 0; i < m; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    result[i, j] = Fidelity(sa.Row(i), sb.Row(j));
                }
            }

            return result;
        }

        var pairs = new List<(int, int)>(m * n);
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                pairs.Add((i, j));
            }
        }

        var values = Sampled(a, b, pairs);
        for (var p = 0; p < pairs.Count; p++)
        {
            result[pairs[p].Item1, pairs[p].Item2] = values[p];
        }

        return result;
    }

    /// <summary>The map's symbol values for one sample: x′ = s·x + o, then (π − x′_i)(π − x′_j) per pair.</summary>
    internal double[] Bind(ReadOnlySpan<double> sample)
    {
        var values = new double[Features + _pairs.Count];
        for (var i = 0; i < Features; i++)
        {
            values[i] = (Scale * sample[i]) + Offset;
        }

        for (var p = 0; p < _pairs.Count; p++)
        {
            values[Features + p] = (Math.PI - values[_pairs[p].I]) * (Math.PI - values[_pairs[p].J]);
        }

        return values;
    }

    private static double Fidelity(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b)
    {
        var overlap = Complex.Zero;
        for (var k = 0; k < a.Length; k++)
        {
            overlap += Complex.Conjugate(b[k]) * a[k];
        }

        return (overlap.Real * overlap.Real) + (overlap.Imaginary * overlap.Imaginary);
    }

    private int Rows(double[] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Length % Features != 0)
        {
            throw new ArgumentException($"{x.Length} values are not rows of {Features} features.", nameof(x));
        }

        return x.Length / Features;
    }

    private ResultMatrix<Complex> States(double[] x)
    {
        var rows = Rows(x);
        var bindings = new List<double[]>(rows);
        for (var i = 0; i < rows; i++)
        {
            bindings.Add(Bind(x.AsSpan(i * Features, Features)));
        }

        var result = Backend.ExecuteAsync(new ExecutionRequest
        {
            Circuit = FeatureMap,
            Bindings = BindingTable.FromRows(bindings),
            Outputs = ResultKinds.State,
        }).GetAwaiter().GetResult();
        return result.States ?? throw new QmlException($"backend '{Backend.Info.Name}' returned no states.");
    }

    private double[] Sampled(double[] a, double[] b, List<(int, int)> pairs)
    {
        if (pairs.Count == 0)
        {
            return [];
        }

        var bindings = new List<double[]>(pairs.Count);
        foreach (var (i, j) in pairs)
        {
            bindings.Add([.. Bind(a.AsSpan(i * Features, Features)), .. Bind(b.AsSpan(j * Features, Features))]);
        }

        var result = Backend.ExecuteAsync(new ExecutionRequest
        {
            Circuit = ComputeUncompute,
            Bindings = BindingTable.FromRows(bindings),
            Outputs = ResultKinds.Samples,
            Shots = Shots,
            Seed = Seed,
        }).GetAwaiter().GetResult();
        var samples = result.Samples ?? throw new QmlException($"backend '{Backend.Info.Name}' returned no samples.");
        var values = new double[pairs.Count];
        for (var r = 0; r < pairs.Count; r++)
        {
            var zeros = 0;
            for (var s = 0; s < samples.Shots; s++)
            {
                if (samples.Outcome(r, s) == 0)
                {
                    zeros++;
                }
            }

            values[r] = (double)zeros / samples.Shots;
        }

        return values;
    }

    /// <summary>ZZ map with Input symbols x0.. and z{i}_{j}; with <paramref name="inverseToo"/> its inverse on y-symbols follows.</summary>
    private Circuit BuildMap(bool inverseToo)
    {
        var builder = new CircuitBuilder(Features, name: inverseToo ? "zz-kernel-compute-uncompute" : "zz-feature-map");
        Append(builder, "", inverse: false);
        if (inverseToo)
        {
            Append(builder, "y", inverse: true);
        }

        return builder.Build();
    }

    private void Append(CircuitBuilder builder, string prefix, bool inverse)
    {
        var x = Enumerable.Range(0, Features).Select(i => builder.Input($"{prefix}x{i}")).ToArray();
        var z = _pairs.Select(p => builder.Input($"{prefix}z{p.I}_{p.J}")).ToArray();
        var ops = new List<Action>();
        for (var rep = 0; rep < Reps; rep++)
        {
            for (var i = 0; i < Features; i++)
            {
                var q = i;
                ops.Add(() => builder.H(q));
                ops.Add(() => builder.P(q, (inverse ? -2 : 2) * x[q]));
            }

            for (var p = 0; p < _pairs.Count; p++)
            {
                var (i, j) = _pairs[p];
                var k = p;
                ops.Add(() => builder.CX(i, j));
                ops.Add(() => builder.P(j, (inverse ? -2 : 2) * z[k]));
                ops.Add(() => builder.CX(i, j));
            }
        }

        if (inverse)
        {
            ops.Reverse();
        }

        foreach (var op in ops)
        {
            op();
        }
    }
}
