using System.Numerics;
using System.Runtime.CompilerServices;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;
using Qml.Backends.Cpu.Kernels;
using Qml.Backends.Cpu.Memory;

namespace Qml.Backends.Cpu.Simulation;

/// <summary>
/// Gate fusion into blocks of up to 3 or 4 qubits (qsim's scheme), greedy over the circuit's
/// order: every qubit belongs to at most one open block and open blocks act on disjoint qubits,
/// so they commute and may be flushed in any order. A gate joins the blocks it touches when
/// their qubits together with its own number at most the limit; otherwise the widest touching
/// blocks are applied first until it fits. A gate on more qubits than the limit, a classically
/// conditioned gate or a non-unitary operation (measure, reset, barrier) is a fence: it flushes
/// what it touches (non-unitary ones flush everything). A block of one gate is replayed through
/// its own, cheaper kernel; wider blocks run the SIMD dense block kernel
/// (<see cref="DenseBlockKernels"/>). Applied blocks go through a <see cref="CacheBlockedBatch"/>,
/// so runs of blocks on low qubits share one pass over memory. Buffers are allocated once per simulator.
/// </summary>
internal sealed unsafe class BlockFuser : IGateFusion
{
    private readonly StatevectorSimulator _simulator;
    private readonly int _maxQubits;
    private readonly FusedBlock?[] _owner;
    private readonly Stack<FusedBlock> _free = new();
    private readonly List<FusedBlock> _touching = [];
    private readonly Complex[] _gate;
    private readonly Complex[] _scratch;
    private readonly double[] _angles = new double[3];
    private readonly int[] _union;
    private readonly int[] _positions;
    private readonly CacheBlockedBatch _batch;

    public BlockFuser(StatevectorSimulator simulator, int qubitCount, int maxQubits, int chunkQubits = CacheBlockedBatch.DefaultChunkQubits)
    {
        _simulator = simulator;
        _batch = new CacheBlockedBatch(qubitCount, chunkQubits, simulator.Threads);
        _maxQubits = maxQubits;
        _owner = new FusedBlock?[qubitCount];
        // One block per qubit, plus the one a merge takes before it returns the parts.
        for (var i = 0; i <= qubitCount; i++)
        {
            _free.Push(new FusedBlock(maxQubits));
        }

        _gate = new Complex[1 << (2 * maxQubits)];
        _scratch = new Complex[2 << maxQubits];
        _union = new int[2 * maxQubits];
        _positions = new int[maxQubits];
    }

    /// <summary>Applies the unitary operations [<paramref name="begin"/>, <paramref name="end"/>) of <paramref name="circuit"/> to <paramref name="target"/>, fused.</summary>
    /// <remarks>Non-unitary operations are skipped as <see cref="StatevectorSimulator.RunUnitary"/> does, but fence the fusion.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Run(Circuit circuit, int begin, int end, ReadOnlySpan<double> symbols, StateBuffer target, CancellationToken cancellationToken)
    {
        var operations = circuit.Operations;
        for (var index = begin; index < end; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var operation = operations[index];
            if (!operation.Definition.IsUnitary)
            {
                FlushAll(circuit, symbols, target);
                continue;
            }

            var qubits = operation.Qubits.AsSpan();
            if (operation.Condition is not null || qubits.Length > _maxQubits)
            {
                foreach (var q in qubits)
                {
                    Flush(_owner[q], circuit, symbols, target);
                }

                _batch.Drain(target.Pointer);
                _simulator.Apply(operation, symbols, target);
                continue;
            }

            if (operation.Kind == OperationKind.I)
            {
                continue;
            }

            Add(circuit, operation, index, symbols, target);
        }

        FlushAll(circuit, symbols, target);
        _batch.Drain(target.Pointer);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Add(Circuit circuit, Operation operation, int index, ReadOnlySpan<double> symbols, StateBuffer target)
    {
        var qubits = operation.Qubits.AsSpan();
        var union = Touching(qubits);
        while (union > _maxQubits)
        {
            // Apply the widest touching block: it frees the most room for the gate.
            var widest = 0;
            for (var i = 1; i < _touching.Count; i++)
            {
                if (_touching[i].Count > _touching[widest].Count)
                {
                    widest = i;
                }
            }

            Flush(_touching[widest], circuit, symbols, target);
            union = Touching(qubits);
        }

        FillMatrix(operation, symbols);
        var set = _union.AsSpan(0, union);
        set.Sort();
        FusedBlock block;
        var gates = 1;
        if (_touching.Count == 1 && _touching[0].Count == union)
        {
            // The gate lies inside one open block: multiply it in place.
            block = _touching[0];
            gates += block.Gates;
        }
        else
        {
            block = _free.Pop();
            block.ResetToIdentity(set);
            foreach (var part in _touching)
            {
                // Disjoint blocks commute: their product is their tensor product, in any order.
                var partPositions = _positions.AsSpan(0, part.Count);
                for (var t = 0; t < part.Count; t++)
                {
                    partPositions[t] = set.IndexOf(part.Qubits[t]);
                }

                block.MultiplyLeft(part.Matrix.AsSpan(0, part.Dimension * part.Dimension), partPositions, _scratch);
                gates += part.Gates;
                Release(part);
            }

            foreach (var q in set)
            {
                _owner[q] = block;
            }
        }

        var positions = _positions.AsSpan(0, qubits.Length);
        for (var j = 0; j < qubits.Length; j++)
        {
            positions[j] = block.QubitSpan.IndexOf(qubits[j]);
        }

        var size = 1 << qubits.Length;
        block.MultiplyLeft(_gate.AsSpan(0, size * size), positions, _scratch);
        block.Gates = gates;
        block.LastOperation = index;
    }

    /// <summary>Collects the open blocks <paramref name="qubits"/> touch into <see cref="_touching"/> and their qubits with the gate's into <see cref="_union"/>; returns the union's size.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Touching(ReadOnlySpan<int> qubits)
    {
        _touching.Clear();
        var count = 0;
        foreach (var q in qubits)
        {
            var owner = _owner[q];
            if (owner is null)
            {
                // Past the buffer the union is too wide anyway: only its size matters then.
                if (count < _union.Length)
                {
                    _union[count] = q;
                }

                count++;
            }
            else if (!_touching.Contains(owner))
            {
                _touching.Add(owner);
                foreach (var member in owner.QubitSpan)
                {
                    if (count < _union.Length)
                    {
                        _union[count] = member;
                    }

                    count++;
                }
            }
        }

        return count;
    }

    private void FillMatrix(Operation operation, ReadOnlySpan<double> symbols)
    {
        if (operation.Matrix is { } unitary)
        {
            unitary.Entries.AsSpan().CopyTo(_gate);
            return;
        }

        var dimension = 1 << operation.Qubits.Length;
        var angles = _angles.AsSpan(0, operation.Angles.Length);
        operation.EvaluateAngles(symbols, angles);
        GateMatrices.Fill(operation.Kind, angles, _gate.AsSpan(0, dimension * dimension));
    }

    private void FlushAll(Circuit circuit, ReadOnlySpan<double> symbols, StateBuffer target)
    {
        for (var q = 0; q < _owner.Length; q++)
        {
            Flush(_owner[q], circuit, symbols, target);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Flush(FusedBlock? block, Circuit circuit, ReadOnlySpan<double> symbols, StateBuffer target)
    {
        if (block is null)
        {
            return;
        }

        var scratch = _batch.NextEntries;
        GateKernel kernel;
        if (block.Gates == 1)
        {
            // One gate: its own, cheaper kernel shape.
            var operation = circuit.Operations[block.LastOperation];
            var angles = _angles.AsSpan(0, operation.Angles.Length);
            operation.EvaluateAngles(symbols, angles);
            kernel = GateKernelPlanner.Plan(operation, angles, scratch, adjoint: false);
        }
        else if (block.Count == 1)
        {
            var m = block.Matrix;
            kernel = default;
            kernel.SetQubits(block.QubitSpan);
            kernel.Kind = KernelKind.Single;
            kernel.Target = block.Qubits[0];
            (kernel.M00, kernel.M01, kernel.M10, kernel.M11) = (m[0], m[1], m[2], m[3]);
        }
        else
        {
            var d = block.Dimension;
            block.Matrix.AsSpan(0, d * d).CopyTo(scratch);
            kernel = GateKernelPlanner.Dense(block.QubitSpan, scratch);
        }

        Release(block);
        if (_batch.Accepts(kernel))
        {
            _batch.Add(kernel, target.Pointer);
        }
        else
        {
            _batch.Drain(target.Pointer);
            _simulator.Apply(kernel, target);
        }
    }

    private void Release(FusedBlock block)
    {
        foreach (var q in block.QubitSpan)
        {
            _owner[q] = null;
        }

        _free.Push(block);
    }
}
