using System.Numerics;

namespace Qml.Backends.Cpu.Kernels;

/// <summary>
/// Spreads one gate over threads by amplitude groups. The caller (<see cref="Simulation.WorkPlan"/>)
/// gives it more than one thread only for states large enough that a gate outlasts the cost of
/// waking threads. One instance per simulator; it reuses its delegate, so a gate costs no
/// allocation beyond what Parallel.For itself needs.
/// </summary>
internal sealed unsafe class AmplitudeParallelism
{
    private readonly ParallelOptions _options;
    private readonly Action<int> _runChunk;
    private GateKernel _kernel;
    private Complex* _state;
    private nuint _groups;
    private nuint _chunk;
    private int _chunks;

    public AmplitudeParallelism(int threads)
    {
        Threads = Math.Max(1, threads);
        _options = new ParallelOptions { MaxDegreeOfParallelism = Threads };
        _runChunk = RunChunk;
    }

    public int Threads { get; }

    /// <summary>Applies <paramref name="kernel"/> to a state of <paramref name="qubitCount"/> qubits.</summary>
    public void Apply(in GateKernel kernel, Complex* state, int qubitCount)
    {
        if (kernel.Kind == KernelKind.Identity)
        {
            return;
        }

        var groups = kernel.GroupCount(qubitCount);
        if (Threads == 1 || groups < (nuint)(Threads * KernelDispatcher.ChunkAlignment))
        {
            KernelDispatcher.Apply(kernel, state, 0, groups);
            return;
        }

        _kernel = kernel;
        _state = state;
        _groups = groups;
        _chunks = Threads;
        _chunk = (groups / (nuint)Threads) & ~(nuint)(KernelDispatcher.ChunkAlignment - 1);
        Parallel.For(0, _chunks, _options, _runChunk);
        _state = null;
    }

    private void RunChunk(int index)
    {
        var begin = _chunk * (nuint)index;
        var end = index == _chunks - 1 ? _groups : begin + _chunk;
        KernelDispatcher.Apply(_kernel, _state, begin, end);
    }
}
