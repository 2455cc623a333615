using System.Numerics;
using System.Runtime.CompilerServices;

namespace Qml.Backends.Cpu.Kernels;

/// <summary>
/// SIMD kernels for gates whose every qubit lies at or above the register's lane bits (qsim's
/// "high" targets): then the amplitudes of consecutive groups are consecutive in memory and one
/// register holds several groups that share the same gate operand. Callers guarantee that, and
/// that [begin, end) is a multiple of the lane count. Inner loops walk contiguous runs of
/// amplitudes, so for high targets they are plain streaming loops.
/// </summary>
internal static unsafe class SimdKernels
{
    public static void Single<TWidth, TVector>(in GateKernel k, Complex* state, nuint begin, nuint end)
        where TWidth : ISimdWidth<TVector>
        where TVector : unmanaged
    {
        var involved = k.InvolvedSpan;
        var stride = (nuint)1 << k.Target;
        var lanes = (nuint)1 << TWidth.LaneBits;
        var controls = k.ControlMask;
        TVector r00 = TWidth.Broadcast(k.M00.Real), i00 = TWidth.AlternatingSign(k.M00.Imaginary);
        TVector r01 = TWidth.Broadcast(k.M01.Real), i01 = TWidth.AlternatingSign(k.M01.Imaginary);
        TVector r10 = TWidth.Broadcast(k.M10.Real), i10 = TWidth.AlternatingSign(k.M10.Imaginary);
        TVector r11 = TWidth.Broadcast(k.M11.Real), i11 = TWidth.AlternatingSign(k.M11.Imaginary);
        var run = (nuint)1 << k.LowestInvolved;
        for (var group = begin; group < end;)
        {
            var runEnd = RunEnd(group, run, end);
            var i0 = BitIndex.InsertZeros(group, involved) | controls;
            var p0 = (double*)(state + i0);
            var p1 = (double*)(state + (i0 | stride));
            var doubles = (runEnd - group) * 2;
            for (nuint j = 0; j < doubles; j += lanes * 2)
            {
                var a = TWidth.Load(p0 + j);
                var b = TWidth.Load(p1 + j);
                var sa = TWidth.SwapReIm(a);
                var sb = TWidth.SwapReIm(b);
                TWidth.Store(Combine<TWidth, TVector>(a, sa, r00, i00, b, sb, r01, i01), p0 + j);
                TWidth.Store(Combine<TWidth, TVector>(a, sa, r10, i10, b, sb, r11, i11), p1 + j);
            }

            group = runEnd;
        }
    }

    public static void Phase<TWidth, TVector>(in GateKernel k, Complex* state, nuint begin, nuint end)
        where TWidth : ISimdWidth<TVector>
        where TVector : unmanaged
    {
        var involved = k.InvolvedSpan;
        var stride = (nuint)1 << k.Target;
        var lanes = (nuint)1 << TWidth.LaneBits;
        var controls = k.ControlMask;
        TVector r0 = TWidth.Broadcast(k.M00.Real), i0v = TWidth.AlternatingSign(k.M00.Imaginary);
        TVector r1 = TWidth.Broadcast(k.M11.Real), i1v = TWidth.AlternatingSign(k.M11.Imaginary);
        var touchZero = k.M00 != Complex.One;
        var run = (nuint)1 << k.LowestInvolved;
        for (var group = begin; group < end;)
        {
            var runEnd = RunEnd(group, run, end);
            var i0 = BitIndex.InsertZeros(group, involved) | controls;
            var doubles = (runEnd - group) * 2;
            if (touchZero)
            {
                var p0 = (double*)(state + i0);
                for (nuint j = 0; j < doubles; j += lanes * 2)
                {
                    var a = TWidth.Load(p0 + j);
                    TWidth.Store(TWidth.MultiplyAdd(TWidth.SwapReIm(a), i0v, TWidth.Multiply(a, r0)), p0 + j);
                }
            }

            var p1 = (double*)(state + (i0 | stride));
            for (nuint j = 0; j < doubles; j += lanes * 2)
            {
                var b = TWidth.Load(p1 + j);
                TWidth.Store(TWidth.MultiplyAdd(TWidth.SwapReIm(b), i1v, TWidth.Multiply(b, r1)), p1 + j);
            }

            group = runEnd;
        }
    }

    public static void SwapPairs<TWidth, TVector>(in GateKernel k, Complex* state, nuint begin, nuint end)
        where TWidth : ISimdWidth<TVector>
        where TVector : unmanaged
    {
        var involved = k.InvolvedSpan;
        var lanes = (nuint)1 << TWidth.LaneBits;
        var controls = k.ControlMask;
        var run = (nuint)1 << k.LowestInvolved;
        for (var group = begin; group < end;)
        {
            var runEnd = RunEnd(group, run, end);
            var baseIndex = BitIndex.InsertZeros(group, involved) | controls;
            var pa = (double*)(state + (baseIndex | k.SwapA));
            var pb = (double*)(state + (baseIndex | k.SwapB));
            var doubles = (runEnd - group) * 2;
            for (nuint j = 0; j < doubles; j += lanes * 2)
            {
                var a = TWidth.Load(pa + j);
                var b = TWidth.Load(pb + j);
                TWidth.Store(b, pa + j);
                TWidth.Store(a, pb + j);
            }

            group = runEnd;
        }
    }

    /// <summary>
    /// A dense 4×4 on two high qubits (RXX, RYY, ISWAP, 2-qubit unitaries and the derivatives
    /// of 2-qubit gates): four registers in, sixteen complex multiply-adds, four registers out.
    /// </summary>
    public static void Dense2<TWidth, TVector>(in GateKernel k, Complex* state, nuint begin, nuint end)
        where TWidth : ISimdWidth<TVector>
        where TVector : unmanaged
    {
        var involved = k.InvolvedSpan;
        var lanes = (nuint)1 << TWidth.LaneBits;
        nuint o1 = (nuint)1 << k.Operand[0], o2 = (nuint)1 << k.Operand[1], o3 = o1 | o2;
        Span<TVector> re = stackalloc TVector[16];
        Span<TVector> im = stackalloc TVector[16];
        var entries = k.Entries!;
        for (var e = 0; e < 16; e++)
        {
            re[e] = TWidth.Broadcast(entries[e].Real);
            im[e] = TWidth.AlternatingSign(entries[e].Imaginary);
        }

        Span<TVector> input = stackalloc TVector[4];
        Span<TVector> swapped = stackalloc TVector[4];
        var run = (nuint)1 << k.LowestInvolved;
        for (var group = begin; group < end;)
        {
            var runEnd = RunEnd(group, run, end);
            var p0 = (double*)(state + BitIndex.InsertZeros(group, involved));
            double* p1 = p0 + (o1 * 2), p2 = p0 + (o2 * 2), p3 = p0 + (o3 * 2);
            var doubles = (runEnd - group) * 2;
            for (nuint j = 0; j < doubles; j += lanes * 2)
            {
                input[0] = TWidth.Load(p0 + j);
                input[1] = TWidth.Load(p1 + j);
                input[2] = TWidth.Load(p2 + j);
                input[3] = TWidth.Load(p3 + j);
                for (var c = 0; c < 4; c++)
                {
                    swapped[c] = TWidth.SwapReIm(input[c]);
                }

                TWidth.Store(Row<TWidth, TVector>(input, swapped, re[..4], im[..4]), p0 + j);
                TWidth.Store(Row<TWidth, TVector>(input, swapped, re.Slice(4, 4), im.Slice(4, 4)), p1 + j);
                TWidth.Store(Row<TWidth, TVector>(input, swapped, re.Slice(8, 4), im.Slice(8, 4)), p2 + j);
                TWidth.Store(Row<TWidth, TVector>(input, swapped, re.Slice(12, 4), im.Slice(12, 4)), p3 + j);
            }

            group = runEnd;
        }
    }

    /// <summary>
    /// qsim's "low" case: the target lies inside one register (below the lane bits) while every
    /// control lies above. Each register holds both halves of its pairs, so the update is
    /// out = v·A + flip(v)·B with per-lane factors A (m00 | m11) and B (m01 | m10). Serves
    /// dense, phase and X-like gates alike. [begin, end) counts gate groups, which here map
    /// onto register-aligned amplitude ranges [2·begin, 2·end) of the control subspace.
    /// </summary>
    public static void LowTarget<TWidth, TVector>(in GateKernel k, Complex* state, nuint begin, nuint end)
        where TWidth : ISimdWidth<TVector>
        where TVector : unmanaged
    {
        var bit = k.Target;
        var lanes = (nuint)1 << TWidth.LaneBits;
        var (diagonalRe, diagonalIm) = TWidth.LaneFactors(k.M00, k.M11, bit);
        var (offRe, offIm) = TWidth.LaneFactors(k.M01, k.M10, bit);
        Span<int> controlPositions = stackalloc int[QubitPositions.MaxCount];
        var controlCount = 0;
        foreach (var position in k.InvolvedSpan)
        {
            if (position != bit)
            {
                controlPositions[controlCount++] = position;
            }
        }

        ReadOnlySpan<int> controls = controlPositions[..controlCount];
        var controlMask = k.ControlMask;
        var run = controlCount == 0 ? nuint.MaxValue : (nuint)1 << controls[0];
        for (var amplitude = begin * 2; amplitude < end * 2;)
        {
            var runEnd = RunEnd(amplitude, run, end * 2);
            var p = (double*)(state + (BitIndex.InsertZeros(amplitude, controls) | controlMask));
            var doubles = (runEnd - amplitude) * 2;
            for (nuint j = 0; j < doubles; j += lanes * 2)
            {
                var v = TWidth.Load(p + j);
                var flipped = TWidth.FlipLanes(v, bit);
                var sum = TWidth.Multiply(v, diagonalRe);
                sum = TWidth.MultiplyAdd(TWidth.SwapReIm(v), diagonalIm, sum);
                sum = TWidth.MultiplyAdd(flipped, offRe, sum);
                TWidth.Store(TWidth.MultiplyAdd(TWidth.SwapReIm(flipped), offIm, sum), p + j);
            }

            amplitude = runEnd;
        }
    }

    /// <summary>
    /// End of the run of groups starting at <paramref name="group"/>: inside an aligned block of
    /// 2^(lowest involved qubit) groups the amplitudes are contiguous, so the inner loop needs no
    /// index arithmetic at all.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nuint RunEnd(nuint group, nuint run, nuint end) => run == nuint.MaxValue ? end : Math.Min((group | (run - 1)) + 1, end);

    /// <summary>Σ_c m_c·input_c for one matrix row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Row<TWidth, TVector>(ReadOnlySpan<TVector> input, ReadOnlySpan<TVector> swapped, ReadOnlySpan<TVector> re, ReadOnlySpan<TVector> im)
        where TWidth : ISimdWidth<TVector>
        where TVector : unmanaged
    {
        var sum = TWidth.Multiply(input[0], re[0]);
        sum = TWidth.MultiplyAdd(swapped[0], im[0], sum);
        for (var c = 1; c < 4; c++)
        {
            sum = TWidth.MultiplyAdd(input[c], re[c], sum);
            sum = TWidth.MultiplyAdd(swapped[c], im[c], sum);
        }

        return sum;
    }

    /// <summary>m_a·a + m_b·b for complex scalars given as (broadcast re, alternating im).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Combine<TWidth, TVector>(
        TVector a, TVector swappedA, TVector reA, TVector imA, TVector b, TVector swappedB, TVector reB, TVector imB)
        where TWidth : ISimdWidth<TVector>
        where TVector : unmanaged
    {
        var sum = TWidth.Multiply(a, reA);
        sum = TWidth.MultiplyAdd(swappedA, imA, sum);
        sum = TWidth.MultiplyAdd(b, reB, sum);
        return TWidth.MultiplyAdd(swappedB, imB, sum);
    }
}
