using System.Numerics;
using Qml.Abstractions;
using Qml.Learning.Data;

namespace Qml.Models.Classifiers.Data;

/// <summary>
/// The "ad hoc" dataset of Havlíček et al.: x uniform in [0, 2π)^n, |Φ(x)⟩ = U(x)H U(x)H|0…0⟩
/// with U(x) the diagonal ZZ phases of the feature map (single-qubit phases 2x_i, pairwise
/// 2(π − x_i)(π − x_j) on b_i ⊕ b_j, the convention of <see cref="Kernels.FidelityKernel"/>), a
/// seeded Haar-random unitary V and the parity Π = Z⊗…⊗Z: label 1 when ⟨Φ|V†ΠV|Φ⟩ ≥ gap, 0 when
/// ≤ −gap, otherwise redrawn; classes balanced. Exactly separable by the ZZ kernel with the gap.
/// </summary>
public static class AdHocDataset
{
    public static Dataset Generate(int samples, int qubits = 2, double gap = 0.3, int seed = 0)
    {
        if (qubits is < 1 or > 6)
        {
            throw new QmlException($"ad hoc dataset: qubits must be 1..6; got {qubits}.");
        }

        if (gap is < 0 or >= 1)
        {
            throw new QmlException($"ad hoc dataset: gap must be in [0, 1); got {gap}.");
        }

        var random = new Random(seed);
        var dim = 1 << qubits;
        var v = HaarUnitary(dim, random);
        var perClass = new[] { samples / 2, samples - (samples / 2) };
        var taken = new int[2];
        var features = new double[samples * qubits];
        var labels = new int[samples];
        var x = new double[qubits];
        var count = 0;
        for (var attempt = 0; count < samples; attempt++)
        {
            if (attempt > 1000 * (samples + 10))
            {
                throw new QmlException($"ad hoc dataset: too few samples reach |⟨Π⟩| ≥ {gap}; lower the gap.");
            }

            for (var i = 0; i < qubits; i++)
            {
                x[i] = 2 * Math.PI * random.NextDouble();
            }

            var value = ParityExpectation(State(x), v, qubits);
            var label = value >= gap ? 1 : value <= -gap ? 0 : -1;
            if (label < 0 || taken[label] >= perClass[label])
            {
                continue;
            }

            taken[label]++;
            x.CopyTo(features, count * qubits);
            labels[count++] = label;
        }

        return Dataset.ForClassification("adhoc", features, qubits, labels, 2,
            [.. Enumerable.Range(0, qubits).Select(i => $"x{i}")], ["-1", "+1"]);
    }

    /// <summary>U(x) H U(x) H |0…0⟩ (amplitude index bit i is qubit i).</summary>
    internal static Complex[] State(ReadOnlySpan<double> x)
    {
        var n = x.Length;
        var dim = 1 << n;
        var state = new Complex[dim];
        state[0] = 1;
        for (var rep = 0; rep < 2; rep++)
        {
            state = HadamardAll(state, n);
            for (var b = 0; b < dim; b++)
            {
                state[b] *= Complex.FromPolarCoordinates(1, Phase(x, b));
            }
        }

        return state;
    }

    private static double Phase(ReadOnlySpan<double> x, int b)
    {
        var phase = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            var bi = (b >> i) & 1;
            phase += 2 * x[i] * bi;
            for (var j = i + 1; j < x.Length; j++)
            {
                phase += 2 * (Math.PI - x[i]) * (Math.PI - x[j]) * (bi ^ ((b >> j) & 1));
            }
        }

        return phase;
    }

    private static Complex[] HadamardAll(Complex[] state, int n)
    {
        var s = (Complex[])state.Clone();
        var h = 1 / Math.Sqrt(2);
        for (var q = 0; q < n; q++)
        {
            var bit = 1 << q;
            for (var b = 0; b < s.Length; b++)
            {
                if ((b & bit) == 0)
                {
                    var a0 = s[b];
                    var a1 = s[b | bit];
                    s[b] = h * (a0 + a1);
                    s[b | bit] = h * (a0 - a1);
                }
            }
        }

        return s;
    }

    /// <summary>⟨ψ|V†ΠV|ψ⟩ = Σ_k parity(k) |(Vψ)_k|².</summary>
    private static double ParityExpectation(Complex[] psi, Complex[,] v, int qubits)
    {
        var dim = psi.Length;
        var total = 0.0;
        for (var k = 0; k < dim; k++)
        {
            var amplitude = Complex.Zero;
            for (var j = 0; j < dim; j++)
            {
                amplitude += v[k, j] * psi[j];
            }

            var sign = (System.Numerics.BitOperations.PopCount((uint)k) & 1) == 0 ? 1.0 : -1.0;
            total += sign * ((amplitude.Real * amplitude.Real) + (amplitude.Imaginary * amplitude.Imaginary));
        }

        return qubits == 0 ? 0 : total;
    }

    /// <summary>A Haar-random unitary: Gram–Schmidt on the columns of a complex Gaussian matrix.</summary>
    private static Complex[,] HaarUnitary(int dim, Random random)
    {
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var m = new Complex[dim, dim];
        for (var c = 0; c < dim; c++)
        {
            for (var r = 0; r < dim; r++)
            {
                m[r, c] = new Complex(Gaussian(), Gaussian());
            }

            for (var p = 0; p < c; p++)
            {
                var dot = Complex.Zero;
                for (var r = 0; r < dim; r++)
                {
                    dot += Complex.Conjugate(m[r, p]) * m[r, c];
                }

                for (var r = 0; r < dim; r++)
                {
                    m[r, c] -= dot * m[r, p];
                }
            }

            var norm = 0.0;
            for (var r = 0; r < dim; r++)
            {
                norm += m[r, c].Magnitude * m[r, c].Magnitude;
            }

            norm = Math.Sqrt(norm);
            for (var r = 0; r < dim; r++)
            {
                m[r, c] /= norm;
            }
        }

        return m;
    }
}

/// <summary>Registers <see cref="AdHocDataset"/> as <c>--dataset adhoc</c>.</summary>
public sealed class AdHocDatasetProvider : IDatasetProvider
{
    private static readonly DatasetProvider Inner = new(
        new DatasetDescriptor(
            "adhoc",
            "Havlíček et al.'s ad hoc data: x in [0, 2π)^n labelled by the parity of a random unitary on the ZZ feature state, with a gap (n features, 2 classes)",
            DatasetTask.Classification,
            [
                new("samples", "number of samples (balanced classes)", "200"),
                new("qubits", "features = qubits n", "2"),
                new("gap", "labels need |⟨V†ΠV⟩| ≥ gap", "0.3"),
                new("seed", "seed of the unitary and the samples", "0"),
            ]),
        o => AdHocDataset.Generate(o.GetInt("samples", 200, 2), o.GetInt("qubits", 2, 1, 6), o.GetDouble("gap", 0.3, 0, 1), o.GetInt("seed", 0)));

    public string Name => Inner.Name;

    public DatasetDescriptor Describe() => Inner.Describe();

    public Dataset Load(DatasetOptions options) => Inner.Load(options);
}
