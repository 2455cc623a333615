using System.Numerics;
using Qml.Abstractions.Circuits;
using Qml.Backends.Cpu.Kernels;
using Qml.Backends.Cpu.Memory;

namespace Qml.Backends.Cpu.Simulation;

/// <summary>
/// One worker's simulator: a state vector plus the scratch every gate needs, allocated once per
/// request so applying a gate allocates nothing.
/// </summary>
internal sealed unsafe class StatevectorSimulator : IDisposable
{
    private readonly Complex[] _scratch;
    private readonly double[] _angles = new double[3];
    private readonly AmplitudeParallelism _parallel;
    private readonly IGateFusion? _fuser;

    /// <param name="circuit">The request's circuit (sizes the scratch).</param>
    /// <param name="amplitudeThreads">Threads spread over the amplitudes of each gate.</param>
    /// <param name="fusionQubits">Widest fused block in the forward pass (<see cref="RunUnitary"/>, <see cref="RunPrefix"/>): 0 for no fusion, else 2..4.</param>
    /// <param name="cacheBlockQubits">log2 of the chunks that blocks on lower qubits are applied in (3- and 4-qubit fusion).</param>
    public StatevectorSimulator(Circuit circuit, int amplitudeThreads, int fusionQubits = 0, int cacheBlockQubits = CacheBlockedBatch.DefaultChunkQubits)
    {
        QubitCount = circuit.QubitCount;
        State = new StateBuffer(QubitCount);
        _scratch = new Complex[GateKernelPlanner.ScratchLength(circuit)];
        _parallel = new AmplitudeParallelism(amplitudeThreads);
        _fuser = fusionQubits switch
        {
            0 => null,
            2 => new GateFuser(this, QubitCount),
            _ => new BlockFuser(this, QubitCount, fusionQubits, cacheBlockQubits),
        };
    }

    public int QubitCount { get; }

    public StateBuffer State { get; }

    public int Threads => _parallel.Threads;

    /// <summary>Prepares |0…0⟩ and applies every gate; measurements (terminal by validation) are left to the sampler.</summary>
    public void RunUnitary(Circuit circuit, ReadOnlySpan<double> symbols, CancellationToken cancellationToken)
    {
        State.ResetToZero();
        if (_fuser is not null)
        {
            _fuser.Run(circuit, 0, circuit.Operations.Length, symbols, State, cancellationToken);
            return;
        }

        foreach (var operation in circuit.Operations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (operation.Definition.IsUnitary)
            {
                Apply(operation, symbols, State);
            }
        }
    }

    /// <summary>Applies the unitary operations [0, <paramref name="end"/>) to <paramref name="target"/> (fused when enabled); non-unitary ones are skipped.</summary>
    public void RunPrefix(Circuit circuit, int end, ReadOnlySpan<double> symbols, StateBuffer target, CancellationToken cancellationToken)
    {
        if (_fuser is not null)
        {
            _fuser.Run(circuit, 0, end, symbols, target, cancellationToken);
            return;
        }

        for (var index = 0; index < end; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var operation = circuit.Operations[index];
            if (operation.Definition.IsUnitary)
            {
                Apply(operation, symbols, target);
            }
        }
    }

    /// <summary>Applies U (or U† with <paramref name="adjoint"/>) of a unitary operation to <paramref name="target"/>.</summary>
    public void Apply(Operation operation, ReadOnlySpan<double> symbols, StateBuffer target, bool adjoint = false)
    {
        var angles = EvaluateAngles(operation, symbols);
        var kernel = GateKernelPlanner.Plan(operation, angles, _scratch, adjoint);
        _parallel.Apply(kernel, target.Pointer, QubitCount);
    }

    /// <summary>Applies an already planned kernel (measurement collapse, tests).</summary>
    public void Apply(in GateKernel kernel, StateBuffer target) => _parallel.Apply(kernel, target.Pointer, QubitCount);

    public void Dispose() => State.Dispose();

    private ReadOnlySpan<double> EvaluateAngles(Operation operation, ReadOnlySpan<double> symbols)
    {
        var angles = _angles.AsSpan(0, operation.Angles.Length);
        operation.EvaluateAngles(symbols, angles);
        return angles;
    }
}
