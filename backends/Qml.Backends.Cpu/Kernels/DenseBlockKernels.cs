using System.Numerics;
using System.Runtime.CompilerServices;

namespace Qml.Backends.Cpu.Kernels;

/// <summary>
/// Dense 2^k × 2^k matrices on k = 2..4 qubits in SIMD, qsim's way: per step, load the 2^h
/// registers that differ in the block's h "high" qubits (at or above the lane bits), and when l
/// block qubits lie inside a register also their 2^l lane permutations, so 2^k input registers
/// in all; then each of the 2^h output registers is Σ_j C_j ⊙ w_j over those inputs. With l = 0
/// every lane shares one factor per term (<see cref="BroadcastTable{TWidth, TVector}"/>); with
/// l &gt; 0 the factors are per lane (<see cref="LaneTable{TWidth, TVector}"/>): lane c of output
/// row hr, input (hc, x) reads matrix entry [(hr, c_L), (hc, c_L ⊕ x)], where c_L are the lane
/// index bits of the block's low qubits. The complex product is split as Re-part sums plus
/// i·(Im-part sums), one swap per output instead of one per term.
/// Groups [begin, end) are the dense kernel's (2^(n−k) in all); callers guarantee they are
/// multiples of <see cref="GroupsPerStep"/>. The loops are compiled fully optimised at once: a
/// tier-0 instance of these generic SIMD loops runs many times slower, and small states call
/// them too briefly for tiering to catch up (measured: 3-qubit fusion at 14 qubits went from
/// slower than unfused to faster than 2-qubit fusion).
/// </summary>
internal static unsafe class DenseBlockKernels
{
    /// <summary>Widest block this kernel applies.</summary>
    public const int MaxQubits = 4;

    /// <summary>Groups one step covers: the register's lanes that are not block qubits.</summary>
    public static nuint GroupsPerStep(in GateKernel kernel, int laneBits) => (nuint)1 << (laneBits - LowCount(kernel, laneBits));

    /// <summary>Whether [begin, end) fits this width: whole steps only.</summary>
    public static bool Fits(in GateKernel kernel, nuint begin, nuint end, int laneBits)
    {
        var step = GroupsPerStep(kernel, laneBits);
        return kernel.OperandCount is >= 2 and <= MaxQubits && begin % step == 0 && end % step == 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply<TWidth, TVector>(in GateKernel kernel, Complex* state, nuint begin, nuint end)
        where TWidth : ISimdWidth<TVector>
        where TVector : unmanaged
    {
        var k = kernel.OperandCount;
        var d = 1 << k;
        var laneBits = TWidth.LaneBits;
        var lanes = 1 << laneBits;
        var sorted = kernel.InvolvedSpan;
        var low = LowCount(kernel, laneBits);
        var h = k - low;
        var high = sorted[low..];

        // Matrix index of a block index whose bit t is qubit sorted[t].
        Span<int> toMatrix = stackalloc int[d];
        Span<int> bitOf = stackalloc int[k];
        for (var t = 0; t < k; t++)
        {
            bitOf[t] = kernel.OperandSpan.IndexOf(sorted[t]);
        }

        for (var i = 0; i < d; i++)
        {
            var m = 0;
            for (var t = 0; t < k; t++)
            {
                m |= ((i >> t) & 1) << bitOf[t];
            }

            toMatrix[i] = m;
        }

        var offsets = stackalloc nuint[1 << h];
        for (var hc = 0; hc < 1 << h; hc++)
        {
            offsets[hc] = 2 * BitIndex.Scatter(hc, high);
        }

        var entries = kernel.Entries!;
        var mask1 = low > 0 ? 1 << sorted[0] : 0;
        var mask2 = low > 1 ? 1 << sorted[1] : 0;
        if (low == 0)
        {
            var table = stackalloc double[d * d * 2];
            for (var r = 0; r < d; r++)
            {
                for (var c = 0; c < d; c++)
                {
                    var entry = entries[(toMatrix[r] * d) + toMatrix[c]];
                    table[2 * ((r * d) + c)] = entry.Real;
                    table[(2 * ((r * d) + c)) + 1] = entry.Imaginary;
                }
            }

            Run<TWidth, TVector, BroadcastTable<TWidth, TVector>>(d, state, begin, end, high, offsets, (byte*)table, low, mask1, mask2);
            return;
        }

        // Per-lane factors: (2^h rows) × (d terms) × (re, im) registers of 2·lanes doubles.
        var doublesPerRegister = 2 * lanes;
        var lanesTable = stackalloc double[(1 << h) * d * 2 * doublesPerRegister];
        Span<int> laneLow = stackalloc int[lanes];
        for (var lane = 0; lane < lanes; lane++)
        {
            var bits = 0;
            for (var t = 0; t < low; t++)
            {
                bits |= ((lane >> sorted[t]) & 1) << t;
            }

            laneLow[lane] = bits;
        }

        for (var hr = 0; hr < 1 << h; hr++)
        {
            for (var j = 0; j < d; j++)
            {
                int hc = j >> low, x = j & ((1 << low) - 1);
                var re = lanesTable + (((hr * d) + j) * 2 * doublesPerRegister);
                var im = re + doublesPerRegister;
                for (var lane = 0; lane < lanes; lane++)
                {
                    var row = (hr << low) | laneLow[lane];
                    var column = (hc << low) | (laneLow[lane] ^ x);
                    var entry = entries[(toMatrix[row] * d) + toMatrix[column]];
                    re[2 * lane] = re[(2 * lane) + 1] = entry.Real;
                    im[2 * lane] = im[(2 * lane) + 1] = entry.Imaginary;
                }
            }
        }

        Run<TWidth, TVector, LaneTable<TWidth, TVector>>(d, state, begin, end, high, offsets, (byte*)lanesTable, low, mask1, mask2);
    }

    private static int LowCount(in GateKernel kernel, int laneBits)
    {
        var count = 0;
        foreach (var q in kernel.InvolvedSpan)
        {
            count += q < laneBits ? 1 : 0;
        }

        return count;
    }

    private static void Run<TWidth, TVector, TTable>(int terms, Complex* state, nuint begin, nuint end, ReadOnlySpan<int> high, nuint* offsets, byte* table, int low, int mask1, int mask2)
        where TWidth : ISimdWidth<TVector>
        where TVector : unmanaged
        where TTable : ICoefficientTable<TWidth, TVector>
    {
        switch (terms)
        {
            case 4: Run4<TWidth, TVector, TTable>(state, begin, end, high, offsets, table, low, mask1, mask2); break;
            case 8: Run8<TWidth, TVector, TTable>(state, begin, end, high, offsets, table, low, mask1, mask2); break;
            default: Run16<TWidth, TVector, TTable>(state, begin, end, high, offsets, table, low, mask1, mask2); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Expand2<TWidth, TVector>(TVector v, int mask, out TVector w0, out TVector w1)
        where TWidth : ISimdWidth<TVector>
        where TVector : unmanaged
    {
        w0 = v;
        w1 = TWidth.XorLanes(v, mask);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Expand4<TWidth, TVector>(TVector v, int mask1, int mask2, out TVector w0, out TVector w1, out TVector w2, out TVector w3)
        where TWidth : ISimdWidth<TVector>
        where TVector : unmanaged
    {
        w0 = v;
        w1 = TWidth.XorLanes(v, mask1);
        w2 = TWidth.XorLanes(v, mask2);
        w3 = TWidth.XorLanes(v, mask1 | mask2);
    }

    /// <summary>The loop for 2-qubit blocks (4 terms per output register), unrolled so the 4 inputs stay in registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run4<TWidth, TVector, TTable>(Complex* state, nuint begin, nuint end, ReadOnlySpan<int> high, nuint* offsets, byte* table, int low, int mask1, int mask2)
        where TWidth : ISimdWidth<TVector>
        where TVector : unmanaged
        where TTable : ICoefficientTable<TWidth, TVector>
    {
        var laneBits = TWidth.LaneBits;
        var shift = laneBits - low;
        var step = (nuint)1 << shift;
        var sign = TWidth.AlternatingSign(1.0);
        var outputs = 4 >> low;
        var rowBytes = TTable.RowBytes(4);
        TVector w0, w1, w2, w3;
        for (var group = begin; group < end; group += step)
        {
            var p = (double*)(state + BitIndex.InsertZeros((group >> shift) << laneBits, high));
            if (low == 0)
            {
                w0 = TWidth.Load(p + offsets[0]);
                w1 = TWidth.Load(p + offsets[1]);
                w2 = TWidth.Load(p + offsets[2]);
                w3 = TWidth.Load(p + offsets[3]);
            }
            else if (low == 1)
            {
                Expand2<TWidth, TVector>(TWidth.Load(p + offsets[0]), mask1, out w0, out w1);
                Expand2<TWidth, TVector>(TWidth.Load(p + offsets[1]), mask1, out w2, out w3);
            }
            else
            {
                Expand4<TWidth, TVector>(TWidth.Load(p + offsets[0]), mask1, mask2, out w0, out w1, out w2, out w3);
            }

            var row = table;
            for (var r = 0; r < outputs; r++, row += rowBytes)
            {
                var re0 = TWidth.Multiply(w0, TTable.Real(row, 0));
                var im0 = TWidth.Multiply(w0, TTable.Imaginary(row, 0));
                var re1 = TWidth.Multiply(w1, TTable.Real(row, 1));
                var im1 = TWidth.Multiply(w1, TTable.Imaginary(row, 1));
                re0 = TWidth.MultiplyAdd(w2, TTable.Real(row, 2), re0);
                im0 = TWidth.MultiplyAdd(w2, TTable.Imaginary(row, 2), im0);
                re1 = TWidth.MultiplyAdd(w3, TTable.Real(row, 3), re1);
                im1 = TWidth.MultiplyAdd(w3, TTable.Imaginary(row, 3), im1);
                TWidth.Store(TWidth.MultiplyAdd(TWidth.SwapReIm(TWidth.Add(im0, im1)), sign, TWidth.Add(re0, re1)), p + offsets[r]);
            }
        }
    }

    /// <summary>The loop for 3-qubit blocks (8 terms per output register), unrolled so the 8 inputs stay in registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run8<TWidth, TVector, TTable>(Complex* state, nuint begin, nuint end, ReadOnlySpan<int> high, nuint* offsets, byte* table, int low, int mask1, int mask2)
        where TWidth : ISimdWidth<TVector>
        where TVector : unmanaged
        where TTable : ICoefficientTable<TWidth, TVector>
    {
        var laneBits = TWidth.LaneBits;
        var shift = laneBits - low;
        var step = (nuint)1 << shift;
        var sign = TWidth.AlternatingSign(1.0);
        var outputs = 8 >> low;
        var rowBytes = TTable.RowBytes(8);
        TVector w0, w1, w2, w3, w4, w5, w6, w7;
        for (var group = begin; group < end; group += step)
        {
            var p = (double*)(state + BitIndex.InsertZeros((group >> shift) << laneBits, high));
            if (low == 0)
            {
                w0 = TWidth.Load(p + offsets[0]);
                w1 = TWidth.Load(p + offsets[1]);
                w2 = TWidth.Load(p + offsets[2]);
                w3 = TWidth.Load(p + offsets[3]);
                w4 = TWidth.Load(p + offsets[4]);
                w5 = TWidth.Load(p + offsets[5]);
                w6 = TWidth.Load(p + offsets[6]);
                w7 = TWidth.Load(p + offsets[7]);
            }
            else if (low == 1)
            {
                Expand2<TWidth, TVector>(TWidth.Load(p + offsets[0]), mask1, out w0, out w1);
                Expand2<TWidth, TVector>(TWidth.Load(p + offsets[1]), mask1, out w2, out w3);
                Expand2<TWidth, TVector>(TWidth.Load(p + offsets[2]), mask1, out w4, out w5);
                Expand2<TWidth, TVector>(TWidth.Load(p + offsets[3]), mask1, out w6, out w7);
            }
            else
            {
                Expand4<TWidth, TVector>(TWidth.Load(p + offsets[0]), mask1, mask2, out w0, out w1, out w2, out w3);
                Expand4<TWidth, TVector>(TWidth.Load(p + offsets[1]), mask1, mask2, out w4, out w5, out w6, out w7);
            }

            var row = table;
            for (var r = 0; r < outputs; r++, row += rowBytes)
            {
                var re0 = TWidth.Multiply(w0, TTable.Real(row, 0));
                var im0 = TWidth.Multiply(w0, TTable.Imaginary(row, 0));
                var re1 = TWidth.Multiply(w1, TTable.Real(row, 1));
                var im1 = TWidth.Multiply(w1, TTable.Imaginary(row, 1));
                re0 = TWidth.MultiplyAdd(w2, TTable.Real(row, 2), re0);
                im0 = TWidth.MultiplyAdd(w2, TTable.Imaginary(row, 2), im0);
                re1 = TWidth.MultiplyAdd(w3, TTable.Real(row, 3), re1);
                im1 = TWidth.MultiplyAdd(w3, TTable.Imaginary(row, 3), im1);
                re0 = TWidth.MultiplyAdd(w4, TTable.Real(row, 4), re0);
                im0 = TWidth.MultiplyAdd(w4, TTable.Imaginary(row, 4), im0);
                re1 = TWidth.MultiplyAdd(w5, TTable.Real(row, 5), re1);
                im1 = TWidth.MultiplyAdd(w5, TTable.Imaginary(row, 5), im1);
                re0 = TWidth.MultiplyAdd(w6, TTable.Real(row, 6), re0);
                im0 = TWidth.MultiplyAdd(w6, TTable.Imaginary(row, 6), im0);
                re1 = TWidth.MultiplyAdd(w7, TTable.Real(row, 7), re1);
                im1 = TWidth.MultiplyAdd(w7, TTable.Imaginary(row, 7), im1);
                TWidth.Store(TWidth.MultiplyAdd(TWidth.SwapReIm(TWidth.Add(im0, im1)), sign, TWidth.Add(re0, re1)), p + offsets[r]);
            }
        }
    }

    /// <summary>The loop for 4-qubit blocks (16 terms per output register), unrolled so the 16 inputs stay in registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run16<TWidth, TVector, TTable>(Complex* state, nuint begin, nuint end, ReadOnlySpan<int> high, nuint* offsets, byte* table, int low, int mask1, int mask2)
        where TWidth : ISimdWidth<TVector>
        where TVector : unmanaged
        where TTable : ICoefficientTable<TWidth, TVector>
    {
        var laneBits = TWidth.LaneBits;
        var shift = laneBits - low;
        var step = (nuint)1 << shift;
        var sign = TWidth.AlternatingSign(1.0);
        var outputs = 16 >> low;
        var rowBytes = TTable.RowBytes(16);
        TVector w0, w1, w2, w3, w4, w5, w6, w7, w8, w9, w10, w11, w12, w13, w14, w15;
        for (var group = begin; group < end; group += step)
        {
            var p = (double*)(state + BitIndex.InsertZeros((group >> shift) << laneBits, high));
            if (low == 0)
            {
                w0 = TWidth.Load(p + offsets[0]);
                w1 = TWidth.Load(p + offsets[1]);
                w2 = TWidth.Load(p + offsets[2]);
                w3 = TWidth.Load(p + offsets[3]);
                w4 = TWidth.Load(p + offsets[4]);
                w5 = TWidth.Load(p + offsets[5]);
                w6 = TWidth.Load(p + offsets[6]);
                w7 = TWidth.Load(p + offsets[7]);
                w8 = TWidth.Load(p + offsets[8]);
                w9 = TWidth.Load(p + offsets[9]);
                w10 = TWidth.Load(p + offsets[10]);
                w11 = TWidth.Load(p + offsets[11]);
                w12 = TWidth.Load(p + offsets[12]);
                w13 = TWidth.Load(p + offsets[13]);
                w14 = TWidth.Load(p + offsets[14]);
                w15 = TWidth.Load(p + offsets[15]);
            }
            else if (low == 1)
            {
                Expand2<TWidth, TVector>(TWidth.Load(p + offsets[0]), mask1, out w0, out w1);
                Expand2<TWidth, TVector>(TWidth.Load(p + offsets[1]), mask1, out w2, out w3);
                Expand2<TWidth, TVector>(TWidth.Load(p + offsets[2]), mask1, out w4, out w5);
                Expand2<TWidth, TVector>(TWidth.Load(p + offsets[3]), mask1, out w6, out w7);
                Expand2<TWidth, TVector>(TWidth.Load(p + offsets[4]), mask1, out w8, out w9);
                Expand2<TWidth, TVector>(TWidth.Load(p + offsets[5]), mask1, out w10, out w11);
                Expand2<TWidth, TVector>(TWidth.Load(p + offsets[6]), mask1, out w12, out w13);
                Expand2<TWidth, TVector>(TWidth.Load(p + offsets[7]), mask1, out w14, out w15);
            }
            else
            {
                Expand4<TWidth, TVector>(TWidth.Load(p + offsets[0]), mask1, mask2, out w0, out w1, out w2, out w3);
                Expand4<TWidth, TVector>(TWidth.Load(p + offsets[1]), mask1, mask2, out w4, out w5, out w6, out w7);
                Expand4<TWidth, TVector>(TWidth.Load(p + offsets[2]), mask1, mask2, out w8, out w9, out w10, out w11);
                Expand4<TWidth, TVector>(TWidth.Load(p + offsets[3]), mask1, mask2, out w12, out w13, out w14, out w15);
            }

            var row = table;
            for (var r = 0; r < outputs; r++, row += rowBytes)
            {
                var re0 = TWidth.Multiply(w0, TTable.Real(row, 0));
                var im0 = TWidth.Multiply(w0, TTable.Imaginary(row, 0));
                var re1 = TWidth.Multiply(w1, TTable.Real(row, 1));
                var im1 = TWidth.Multiply(w1, TTable.Imaginary(row, 1));
                re0 = TWidth.MultiplyAdd(w2, TTable.Real(row, 2), re0);
                im0 = TWidth.MultiplyAdd(w2, TTable.Imaginary(row, 2), im0);
                re1 = TWidth.MultiplyAdd(w3, TTable.Real(row, 3), re1);
                im1 = TWidth.MultiplyAdd(w3, TTable.Imaginary(row, 3), im1);
                re0 = TWidth.MultiplyAdd(w4, TTable.Real(row, 4), re0);
                im0 = TWidth.MultiplyAdd(w4, TTable.Imaginary(row, 4), im0);
                re1 = TWidth.MultiplyAdd(w5, TTable.Real(row, 5), re1);
                im1 = TWidth.MultiplyAdd(w5, TTable.Imaginary(row, 5), im1);
                re0 = TWidth.MultiplyAdd(w6, TTable.Real(row, 6), re0);
                im0 = TWidth.MultiplyAdd(w6, TTable.Imaginary(row, 6), im0);
                re1 = TWidth.MultiplyAdd(w7, TTable.Real(row, 7), re1);
                im1 = TWidth.MultiplyAdd(w7, TTable.Imaginary(row, 7), im1);
                re0 = TWidth.MultiplyAdd(w8, TTable.Real(row, 8), re0);
                im0 = TWidth.MultiplyAdd(w8, TTable.Imaginary(row, 8), im0);
                re1 = TWidth.MultiplyAdd(w9, TTable.Real(row, 9), re1);
                im1 = TWidth.MultiplyAdd(w9, TTable.Imaginary(row, 9), im1);
                re0 = TWidth.MultiplyAdd(w10, TTable.Real(row, 10), re0);
                im0 = TWidth.MultiplyAdd(w10, TTable.Imaginary(row, 10), im0);
                re1 = TWidth.MultiplyAdd(w11, TTable.Real(row, 11), re1);
                im1 = TWidth.MultiplyAdd(w11, TTable.Imaginary(row, 11), im1);
                re0 = TWidth.MultiplyAdd(w12, TTable.Real(row, 12), re0);
                im0 = TWidth.MultiplyAdd(w12, TTable.Imaginary(row, 12), im0);
                re1 = TWidth.MultiplyAdd(w13, TTable.Real(row, 13), re1);
                im1 = TWidth.MultiplyAdd(w13, TTable.Imaginary(row, 13), im1);
                re0 = TWidth.MultiplyAdd(w14, TTable.Real(row, 14), re0);
                im0 = TWidth.MultiplyAdd(w14, TTable.Imaginary(row, 14), im0);
                re1 = TWidth.MultiplyAdd(w15, TTable.Real(row, 15), re1);
                im1 = TWidth.MultiplyAdd(w15, TTable.Imaginary(row, 15), im1);
                TWidth.Store(TWidth.MultiplyAdd(TWidth.SwapReIm(TWidth.Add(im0, im1)), sign, TWidth.Add(re0, re1)), p + offsets[r]);
            }
        }
    }
}
