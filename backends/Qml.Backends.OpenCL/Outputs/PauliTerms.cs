using System.Numerics;
using Qml.Abstractions.Observables;
using Qml.Backends.OpenCL.Device;

namespace Qml.Backends.OpenCL.Outputs;

/// <summary>
/// A request's observables as flat Pauli terms with bit masks, uploaded once per request:
/// P|i⟩ = i^{#Y}·(−1)^{popcount(i ∧ Z)}·|i ⊕ X⟩, X marking X/Y factors, Z marking Z/Y factors.
/// </summary>
internal sealed class PauliTerms : IDisposable
{
    private PauliTerms(ulong[] masks, Complex[] phases, double[] coefficients, int[] observableOf, int observables)
    {
        Masks = masks;
        Phases = phases;
        Coefficients = coefficients;
        ObservableOf = observableOf;
        ObservableCount = observables;
    }

    /// <summary>(flip, sign) per term.</summary>
    public ulong[] Masks { get; }

    /// <summary>i^{#Y} per term.</summary>
    public Complex[] Phases { get; }

    public double[] Coefficients { get; }

    /// <summary>The observable each term belongs to.</summary>
    public int[] ObservableOf { get; }

    public int Count => Coefficients.Length;

    public int ObservableCount { get; }

    public DeviceBuffer? MaskBuffer { get; private set; }

    public DeviceBuffer? PhaseBuffer { get; private set; }

    public static PauliTerms Compile(IReadOnlyList<Observable> observables)
    {
        var masks = new List<ulong>();
        var phases = new List<Complex>();
        var coefficients = new List<double>();
        var owners = new List<int>();
        for (var o = 0; o < observables.Count; o++)
        {
            foreach (var term in observables[o].Terms)
            {
                ulong flip = 0, sign = 0;
                var yCount = 0;
                foreach (var (qubit, pauli) in term.Pauli.Factors)
                {
                    var bit = 1UL << qubit;
                    flip |= pauli is Pauli.X or Pauli.Y ? bit : 0;
                    sign |= pauli is Pauli.Z or Pauli.Y ? bit : 0;
                    yCount += pauli == Pauli.Y ? 1 : 0;
                }

                masks.Add(flip);
                masks.Add(sign);
                phases.Add((yCount & 3) switch
                {
                    0 => Complex.One,
                    1 => Complex.ImaginaryOne,
                    2 => -Complex.One,
                    _ => -Complex.ImaginaryOne,
                });
                coefficients.Add(term.Coefficient);
                owners.Add(o);
            }
        }

        return new PauliTerms([.. masks], [.. phases], [.. coefficients], [.. owners], observables.Count);
    }

    public PauliTerms Upload(DeviceContext device)
    {
        MaskBuffer = device.Allocate((ulong)Masks.Length * sizeof(ulong), readOnly: true);
        MaskBuffer.Write<ulong>(Masks);
        PhaseBuffer = ComplexUpload.Allocate(device, Phases);
        return this;
    }

    public void Dispose()
    {
        MaskBuffer?.Dispose();
        PhaseBuffer?.Dispose();
    }
}
