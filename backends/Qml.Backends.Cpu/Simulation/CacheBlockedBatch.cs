using System.Numerics;
using System.Runtime.CompilerServices;
using Qml.Backends.Cpu.Kernels;

namespace Qml.Backends.Cpu.Simulation;

/// <summary>
/// Cache blocking for the fused forward pass: consecutive kernels whose qubits all lie below
/// <see cref="ChunkQubits"/> only mix amplitudes inside aligned chunks of 2^ChunkQubits, so they
/// are queued and then applied chunk by chunk, every queued kernel on one chunk while it sits in
/// cache: one pass over memory serves them all. Threads take contiguous runs of chunks. A kernel
/// on a higher qubit drains the queue first (the order of gates is kept). Each slot owns the
/// entries of its kernel, so fused matrices and planner scratch may be reused while it waits.
/// </summary>
internal sealed unsafe class CacheBlockedBatch
{
    /// <summary>
    /// 2^18 amplitudes are 4 MiB: a chunk per thread stays in the shared L3 (32 MiB on the
    /// reference machine). Measured on the layered benchmark at 24 qubits (3-qubit blocks, 2
    /// threads): 2^18 beat 2^15 (L2-sized, too few blocks lie below it), 2^19 and 2^20.
    /// </summary>
    public const int DefaultChunkQubits = 18;

    private const int Capacity = 32;

    private readonly GateKernel[] _kernels = new GateKernel[Capacity];
    private readonly Complex[][] _entries = new Complex[Capacity][];
    private readonly int _qubitCount;
    private readonly int _threads;
    private readonly ParallelOptions _options;
    private readonly Action<int> _runPart;
    private int _count;
    private Complex* _state;
    private nuint _chunks;

    /// <param name="qubitCount">Qubits of the state.</param>
    /// <param name="chunkQubits">log2 of the chunk; at or above <paramref name="qubitCount"/> nothing is queued.</param>
    /// <param name="threads">Threads spread over the chunks.</param>
    public CacheBlockedBatch(int qubitCount, int chunkQubits, int threads)
    {
        _qubitCount = qubitCount;
        ChunkQubits = chunkQubits;
        _threads = Math.Max(1, threads);
        _options = new ParallelOptions { MaxDegreeOfParallelism = _threads };
        _runPart = RunPart;
        for (var i = 0; i < Capacity; i++)
        {
            _entries[i] = new Complex[GateKernelPlanner.NamedMatrixEntries * 4];
        }
    }

    public int ChunkQubits { get; }

    /// <summary>Whether kernels are queued at all: only when the state spans several chunks.</summary>
    public bool Enabled => _qubitCount > ChunkQubits;

    /// <summary>Entries the next queued kernel may use (256: a 4-qubit dense block); valid until that kernel is added or the queue drains.</summary>
    public Complex[] NextEntries => _entries[_count];

    /// <summary>Whether <paramref name="kernel"/> stays inside one chunk.</summary>
    public bool Accepts(in GateKernel kernel) =>
        Enabled && kernel.InvolvedCount > 0 && kernel.Involved[kernel.InvolvedCount - 1] < ChunkQubits;

    /// <summary>Queues <paramref name="kernel"/>, whose entries (if any) live in <see cref="NextEntries"/> or in immutable storage; drains first when full.</summary>
    public void Add(in GateKernel kernel, Complex* state)
    {
        _kernels[_count++] = kernel;
        if (_count == Capacity)
        {
            Drain(state);
        }
    }

    /// <summary>Applies every queued kernel to <paramref name="state"/>, chunk by chunk.</summary>
    public void Drain(Complex* state)
    {
        if (_count == 0)
        {
            return;
        }

        _state = state;
        _chunks = (nuint)1 << (_qubitCount - ChunkQubits);
        if (_threads == 1 || _chunks < (nuint)_threads)
        {
            Run(0, _chunks);
        }
        else
        {
            Parallel.For(0, _threads, _options, _runPart);
        }

        _state = null;
        _count = 0;
    }

    private void RunPart(int part)
    {
        var per = _chunks / (nuint)_threads;
        var begin = per * (nuint)part;
        Run(begin, part == _threads - 1 ? _chunks : begin + per);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Run(nuint firstChunk, nuint endChunk)
    {
        for (var chunk = firstChunk; chunk < endChunk; chunk++)
        {
            for (var i = 0; i < _count; i++)
            {
                ref readonly var kernel = ref _kernels[i];
                var groups = (nuint)1 << (ChunkQubits - kernel.InvolvedCount);
                KernelDispatcher.Apply(kernel, _state, chunk * groups, (chunk + 1) * groups);
            }
        }
    }
}
