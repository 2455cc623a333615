using System.Numerics;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;
using Qml.Backends.Cpu.Kernels;
using Qml.Backends.Cpu.Memory;

namespace Qml.Backends.Cpu.Simulation;

/// <summary>
/// Gate fusion for the forward pass of one row (angles already bound): consecutive 1-qubit gates
/// on a qubit collapse into one 2×2, and a 2-qubit gate swallows the pending 2×2s of its qubits
/// and every later 1- and 2-qubit gate on the same pair into one 4×4, applied by the dense
/// 2-qubit kernel. Each qubit has at most one open item (a 2×2 or its pair's 4×4) and open items
/// act on disjoint qubits, so they commute and may be applied in any order when flushed. A gate
/// on three or more qubits, a classically conditioned gate, a measurement, a reset or a barrier
/// is a fence: it flushes what it touches (non-unitary operations flush everything). An item
/// holding a single gate is replayed through its own, cheaper kernel. All matrices live in
/// buffers allocated once per simulator; fusing allocates nothing per gate.
/// </summary>
internal sealed class GateFuser : IGateFusion
{
    private readonly StatevectorSimulator _simulator;
    private readonly int _qubitCount;

    // Per qubit: the pending 2×2 (4 entries at 4q), how many gates it holds and the last one's index.
    private readonly Complex[] _single;
    private readonly int[] _singleCount;
    private readonly int[] _singleOperation;

    // Per owner qubit (the block's matrix bit 0): the open 4×4, its second qubit, its gate count and last gate.
    private readonly Complex[][] _pair;
    private readonly int[] _pairOther;
    private readonly int[] _pairCount;
    private readonly int[] _pairOperation;

    // For every qubit, the owner of the open block holding it, or −1.
    private readonly int[] _owner;

    private readonly Complex[] _gate = new Complex[16];
    private readonly Complex[] _product = new Complex[16];
    private readonly double[] _angles = new double[3];

    public GateFuser(StatevectorSimulator simulator, int qubitCount)
    {
        _simulator = simulator;
        _qubitCount = qubitCount;
        _single = new Complex[4 * qubitCount];
        _singleCount = new int[qubitCount];
        _singleOperation = new int[qubitCount];
        _pair = new Complex[qubitCount][];
        for (var q = 0; q < qubitCount; q++)
        {
            _pair[q] = new Complex[16];
        }

        _pairOther = new int[qubitCount];
        _pairCount = new int[qubitCount];
        _pairOperation = new int[qubitCount];
        _owner = new int[qubitCount];
    }

    /// <summary>Applies the unitary operations [<paramref name="begin"/>, <paramref name="end"/>) of <paramref name="circuit"/> to <paramref name="target"/>, fused.</summary>
    /// <remarks>Non-unitary operations are skipped as <see cref="StatevectorSimulator.RunUnitary"/> does, but fence the fusion.</remarks>
    public void Run(Circuit circuit, int begin, int end, ReadOnlySpan<double> symbols, StateBuffer target, CancellationToken cancellationToken)
    {
        _singleCount.AsSpan().Clear();
        _owner.AsSpan().Fill(-1);
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
            if (operation.Condition is not null || qubits.Length > 2)
            {
                foreach (var q in qubits)
                {
                    FlushQubit(circuit, q, symbols, target);
                }

                _simulator.Apply(operation, symbols, target);
                continue;
            }

            if (operation.Kind == OperationKind.I)
            {
                continue;
            }

            FillMatrix(operation, symbols, qubits.Length);
            if (qubits.Length == 1)
            {
                AddSingle(qubits[0], index);
            }
            else
            {
                AddPair(circuit, qubits[0], qubits[1], index, symbols, target);
            }
        }

        FlushAll(circuit, symbols, target);
    }

    private void FillMatrix(Operation operation, ReadOnlySpan<double> symbols, int qubitCount)
    {
        var size = 1 << (2 * qubitCount);
        if (operation.Matrix is { } unitary)
        {
            unitary.Entries.AsSpan().CopyTo(_gate);
            return;
        }

        var angles = _angles.AsSpan(0, operation.Angles.Length);
        operation.EvaluateAngles(symbols, angles);
        GateMatrices.Fill(operation.Kind, angles, _gate.AsSpan(0, size));
    }

    private void AddSingle(int q, int index)
    {
        var owner = _owner[q];
        if (owner >= 0)
        {
            MultiplyLeftOne(_pair[owner], q == owner ? 0 : 1, _gate);
            _pairCount[owner]++;
            _pairOperation[owner] = index;
            return;
        }

        var s = _single.AsSpan(4 * q, 4);
        if (_singleCount[q] == 0)
        {
            _gate.AsSpan(0, 4).CopyTo(s);
        }
        else
        {
            Complex g00 = _gate[0], g01 = _gate[1], g10 = _gate[2], g11 = _gate[3];
            Complex s00 = s[0], s01 = s[1], s10 = s[2], s11 = s[3];
            s[0] = (g00 * s00) + (g01 * s10);
            s[1] = (g00 * s01) + (g01 * s11);
            s[2] = (g10 * s00) + (g11 * s10);
            s[3] = (g10 * s01) + (g11 * s11);
        }

        _singleCount[q]++;
        _singleOperation[q] = index;
    }

    private void AddPair(Circuit circuit, int a, int b, int index, ReadOnlySpan<double> symbols, StateBuffer target)
    {
        var owner = _owner[a];
        if (owner >= 0 && owner == _owner[b])
        {
            if (owner != a)
            {
                SwapOperands(_gate);
            }

            MultiplyLeft(_pair[owner], _gate);
            _pairCount[owner]++;
            _pairOperation[owner] = index;
            return;
        }

        FlushPair(circuit, a, symbols, target);
        FlushPair(circuit, b, symbols, target);

        // The new block: G · (S_b ⊗ S_a), the pending 2×2s absorbed on the right.
        var block = _pair[a];
        _gate.AsSpan().CopyTo(block);
        var count = 1;
        if (_singleCount[a] > 0)
        {
            MultiplyRightOne(block, 0, _single.AsSpan(4 * a, 4));
            count += _singleCount[a];
            _singleCount[a] = 0;
        }

        if (_singleCount[b] > 0)
        {
            MultiplyRightOne(block, 1, _single.AsSpan(4 * b, 4));
            count += _singleCount[b];
            _singleCount[b] = 0;
        }

        _owner[a] = a;
        _owner[b] = a;
        _pairOther[a] = b;
        _pairCount[a] = count;
        _pairOperation[a] = index;
    }

    private void FlushAll(Circuit circuit, ReadOnlySpan<double> symbols, StateBuffer target)
    {
        for (var q = 0; q < _qubitCount; q++)
        {
            FlushQubit(circuit, q, symbols, target);
        }
    }

    private void FlushQubit(Circuit circuit, int q, ReadOnlySpan<double> symbols, StateBuffer target)
    {
        FlushPair(circuit, q, symbols, target);
        if (_singleCount[q] == 0)
        {
            return;
        }

        if (_singleCount[q] == 1)
        {
            _simulator.Apply(circuit.Operations[_singleOperation[q]], symbols, target);
        }
        else
        {
            var s = _single.AsSpan(4 * q, 4);
            var kernel = default(GateKernel);
            kernel.SetQubits([q]);
            kernel.Kind = KernelKind.Single;
            kernel.Target = q;
            kernel.M00 = s[0];
            kernel.M01 = s[1];
            kernel.M10 = s[2];
            kernel.M11 = s[3];
            _simulator.Apply(kernel, target);
        }

        _singleCount[q] = 0;
    }

    private void FlushPair(Circuit circuit, int q, ReadOnlySpan<double> symbols, StateBuffer target)
    {
        var owner = _owner[q];
        if (owner < 0)
        {
            return;
        }

        var other = _pairOther[owner];
        if (_pairCount[owner] == 1)
        {
            _simulator.Apply(circuit.Operations[_pairOperation[owner]], symbols, target);
        }
        else
        {
            _simulator.Apply(GateKernelPlanner.Dense([owner, other], _pair[owner]), target);
        }

        _owner[owner] = -1;
        _owner[other] = -1;
    }

    /// <summary>M ← (U on matrix bit <paramref name="bit"/>) · M for a 4×4 M.</summary>
    private static void MultiplyLeftOne(Span<Complex> m, int bit, ReadOnlySpan<Complex> u)
    {
        var step = 1 << bit;
        for (var r0 = 0; r0 < 4; r0++)
        {
            if ((r0 & step) != 0)
            {
                continue;
            }

            var r1 = r0 | step;
            for (var c = 0; c < 4; c++)
            {
                Complex x0 = m[(r0 * 4) + c], x1 = m[(r1 * 4) + c];
                m[(r0 * 4) + c] = (u[0] * x0) + (u[1] * x1);
                m[(r1 * 4) + c] = (u[2] * x0) + (u[3] * x1);
            }
        }
    }

    /// <summary>M ← M · (U on matrix bit <paramref name="bit"/>) for a 4×4 M.</summary>
    private static void MultiplyRightOne(Span<Complex> m, int bit, ReadOnlySpan<Complex> u)
    {
        var step = 1 << bit;
        for (var r = 0; r < 4; r++)
        {
            for (var c0 = 0; c0 < 4; c0++)
            {
                if ((c0 & step) != 0)
                {
                    continue;
                }

                var c1 = c0 | step;
                Complex x0 = m[(r * 4) + c0], x1 = m[(r * 4) + c1];
                m[(r * 4) + c0] = (x0 * u[0]) + (x1 * u[2]);
                m[(r * 4) + c1] = (x0 * u[1]) + (x1 * u[3]);
            }
        }
    }

    /// <summary>M ← G · M for 4×4 matrices.</summary>
    private void MultiplyLeft(Span<Complex> m, ReadOnlySpan<Complex> g)
    {
        var p = _product.AsSpan();
        for (var r = 0; r < 4; r++)
        {
            for (var c = 0; c < 4; c++)
            {
                p[(r * 4) + c] = (g[r * 4] * m[c]) + (g[(r * 4) + 1] * m[4 + c]) + (g[(r * 4) + 2] * m[8 + c]) + (g[(r * 4) + 3] * m[12 + c]);
            }
        }

        p.CopyTo(m);
    }

    /// <summary>Re-expresses a 4×4 with its two operands exchanged (matrix bits 0 and 1 swapped).</summary>
    private void SwapOperands(Span<Complex> g)
    {
        var p = _product.AsSpan();
        for (var r = 0; r < 4; r++)
        {
            for (var c = 0; c < 4; c++)
            {
                p[(Swap(r) * 4) + Swap(c)] = g[(r * 4) + c];
            }
        }

        p.CopyTo(g);

        static int Swap(int i) => ((i & 1) << 1) | ((i >> 1) & 1);
    }
}
