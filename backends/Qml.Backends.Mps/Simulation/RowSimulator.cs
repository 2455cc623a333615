using System.Numerics;
using Qml.Backends.Mps.Outputs;
using Qml.Backends.Mps.State;

namespace Qml.Backends.Mps.Simulation;

/// <summary>Everything one worker owns for a request: an MPS, the router and the output contractors, reused across its rows.</summary>
internal sealed class RowSimulator
{
    private readonly CompiledCircuit _circuit;
    private readonly GateRouter _router = new();
    private readonly double[] _angles = new double[3];
    private readonly Complex[] _matrix;

    public RowSimulator(CompiledCircuit circuit, TruncationPolicy policy)
    {
        _circuit = circuit;
        State = new MpsState(circuit.Circuit.QubitCount, policy);
        var dimension = circuit.MaxDimension;
        _matrix = new Complex[dimension * dimension];
    }

    public MpsState State { get; }

    public PauliExpectation Expectation { get; } = new();

    public ProbabilityContraction Probabilities { get; } = new();

    public SequentialSampler Sampler { get; } = new();

    /// <summary>Runs the circuit's gates from |0…0⟩ for one row of symbol values.</summary>
    public void Run(ReadOnlySpan<double> symbols, CancellationToken cancellationToken)
    {
        State.Reset();
        var gates = _circuit.Gates;
        for (var g = 0; g < gates.Length; g++)
        {
            if ((g & 255) == 255)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var gate = gates[g];
            _router.Apply(State, gate.Qubits, gate.Matrix(symbols, _angles, _matrix), gate.CentreLeftAfter);
        }
    }
}
