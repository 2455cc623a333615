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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Dense2<TWidth, TVector>(in GateKernel k, Complex* state, nuint begin, nuint end)
        where TWidth : ISimdWidth<TVector>
        where TVector : unmanaged
    {
        var involved = k.InvolvedSpan;
        var lanes = (nuint)1 << TWidth.LaneBits;
        nuint o1 = (nuint)1 << k.Operand[0], o2 = (nuint)1 << k.Operand[1], o3 = o1 | o2;

        // Coefficients behind a pointer (no bounds checks, no spills of 32 broadcast registers):
        // row r, column c at 2·(4r + c) as (broadcast re, alternating im).
        var coefficients = stackalloc TVector[32];
        var entries = k.Entries!;
        for (var e = 0; e < 16; e++)
        {
            coefficients[2 * e] = TWidth.Broadcast(entries[e].Real);
            coefficients[(2 * e) + 1] = TWidth.AlternatingSign(entries[e].Imaginary);
        }

        var run = (nuint)1 << k.LowestInvolved;
        for (var group = begin; group < end;)
        {
            var runEnd = RunEnd(group, run, end);
            var p0 = (double*)(state + BitIndex.InsertZeros(group, involved));
            double* p1 = p0 + (o1 * 2), p2 = p0 + (o2 * 2), p3 = p0 + (o3 * 2);
            var doubles = (runEnd - group) * 2;
            for (nuint j = 0; j < doubles; j += lanes * 2)
            {
                var a0 = TWidth.Load(p0 + j);
                var a1 = TWidth.Load(p1 + j);
                var a2 = TWidth.Load(p2 + j);
                var a3 = TWidth.Load(p3 + j);
                var s0 = TWidth.SwapReIm(a0);
                var s1 = TWidth.SwapReIm(a1);
                var s2 = TWidth.SwapReIm(a2);
                var s3 = TWidth.SwapReIm(a3);
                TWidth.Store(Row4<TWidth, TVector>(coefficients, a0, s0, a1, s1, a2, s2, a3, s3), p0 + j);
                TWidth.Store(Row4<TWidth, TVector>(coefficients + 8, a0, s0, a1, s1, a2, s2, a3, s3), p1 + j);
                TWidth.Store(Row4<TWidth, TVector>(coefficients + 16, a0, s0, a1, s1, a2, s2, a3, s3), p2 + j);
                TWidth.Store(Row4<TWidth, TVector>(coefficients + 24, a0, s0, a1, s1, a2, s2, a3, s3), p3 + j);
            }

            group = runEnd;
        }
    }

    /// <summary>One output row of a 4×4: Σ_c m[r, c]·a_c with m as (re, alternating im) pairs at <paramref name="m"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Row4<TWidth, TVector>(TVector* m, TVector a0, TVector s0, TVector a1, TVector s1, TVector a2, TVector s2, TVector a3, TVector s3)
        where TWidth : ISimdWidth<TVector>
        where TVector : unmanaged
    {
        var sum = TWidth.Multiply(a0, m[0]);
        sum = TWidth.MultiplyAdd(s0, m[1], sum);
        sum = TWidth.MultiplyAdd(a1, m[2], sum);
        sum = TWidth.MultiplyAdd(s1, m[3], sum);
        sum = TWidth.MultiplyAdd(a2, m[4], sum);
        sum = TWidth.MultiplyAdd(s2, m[5], sum);
        sum = TWidth.MultiplyAdd(a3, m[6], sum);
        return TWidth.MultiplyAdd(s3, m[7], sum);
    }

    /// <summary>
    /// qsim's "low" case: the target lies inside one register (below the lane bits) while every
    /// control lies above. Each register holds both halves of its pairs, so the update is
    /// out = v·A + flip(v)·B with per-lane factors A (m00 | m11) and B (m01 | m10). Serves
    /// dense, phase and X-like gates alike. [begin, end) counts gate groups, which here map
    /// onto register-aligned amplitude ranges [2·begin, 2·end) of the control subspace.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
