using System.Numerics;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;

namespace Qml.Backends.Mps.Simulation;

/// <summary>
/// A native circuit prepared once per request: its gates with constant matrices precomputed,
/// for each multi-qubit gate the side on which the next one lies (so the SVD leaves the centre
/// there), and the terminal measurement map.
/// </summary>
internal sealed class CompiledCircuit
{
    public CompiledCircuit(Circuit circuit)
    {
        Circuit = circuit;
        var gates = new List<CompiledGate>();
        var measurements = new List<(int, int)>();
        foreach (var operation in circuit.Operations)
        {
            switch (operation.Kind)
            {
                case OperationKind.Barrier:
                case OperationKind.I:
                    continue;
                case OperationKind.Measure:
                    measurements.Add((operation.Qubits[0], operation.ClassicalBits[0]));
                    continue;
            }

            gates.Add(new CompiledGate(operation, ConstantMatrix(operation)));
        }

        // Walking backwards, remember where the next multi-qubit gate starts.
        var nextStart = -1;
        for (var g = gates.Count - 1; g >= 0; g--)
        {
            var gate = gates[g];
            if (gate.Qubits.Length < 2)
            {
                continue;
            }

            var first = gate.Qubits.Min();
            gate.CentreLeftAfter = nextStart >= 0 && nextStart < first;
            nextStart = first;
        }

        Gates = [.. gates];
        Measurements = [.. measurements];
    }

    public Circuit Circuit { get; }

    public CompiledGate[] Gates { get; }

    /// <summary>(qubit, classical bit) of each terminal measurement, in order; empty when the circuit does not measure.</summary>
    public (int Qubit, int Bit)[] Measurements { get; }

    /// <summary>Bits per sample: the classical register when the circuit measures, else one per qubit.</summary>
    public int SampleBitCount => Measurements.Length > 0 ? Circuit.ClassicalBitCount : Circuit.QubitCount;

    /// <summary>Largest matrix dimension among the gates (2^qubits).</summary>
    public int MaxDimension => Gates.Length == 0 ? 2 : Gates.Max(g => g.Dimension);

    private static Complex[]? ConstantMatrix(Operation operation)
    {
        if (operation.Kind == OperationKind.Unitary)
        {
            return [.. operation.Matrix!.Entries];
        }

        if (operation.IsSymbolic)
        {
            return null;
        }

        Span<double> angles = stackalloc double[operation.Angles.Length];
        operation.EvaluateAngles([], angles);
        return GateMatrices.Create(operation.Kind, angles);
    }
}

/// <summary>One gate of a <see cref="CompiledCircuit"/>.</summary>
internal sealed class CompiledGate(Operation source, Complex[]? constant)
{
    public Operation Source { get; } = source;

    public int[] Qubits { get; } = [.. source.Qubits];

    /// <summary>The matrix when no angle depends on a symbol; null means fill it per row.</summary>
    public Complex[]? Constant { get; } = constant;

    public int Dimension => 1 << Qubits.Length;

    /// <summary>True when the next multi-qubit gate starts left of this one.</summary>
    public bool CentreLeftAfter { get; set; }

    /// <summary>The gate's matrix for one row of symbol values.</summary>
    public ReadOnlySpan<Complex> Matrix(ReadOnlySpan<double> symbols, Span<double> angles, Span<Complex> scratch)
    {
        if (Constant is not null)
        {
            return Constant;
        }

        var values = angles[..Source.Angles.Length];
        Source.EvaluateAngles(symbols, values);
        var matrix = scratch[..(Dimension * Dimension)];
        GateMatrices.Fill(Source.Kind, values, matrix);
        return matrix;
    }
}
