using System.Numerics;
using System.Runtime.CompilerServices;

namespace Qml.Backends.Cpu.Kernels;

/// <summary>
/// SIMD kernels for gates whose every qubit lies at or above the register's lane bits (qsim's
/// "high" targets): then the amplitudes of consecutive groups are consecutive in memory and one
/// register holds several groups that share the same gate operand. Callers guarantee that, and
/// that [begin, end) is a multiple of the lane count.
/// </summary>
internal static unsafe class SimdKernels
{
    public static void Single<TWidth, TVector>(in GateKernel k, Complex* state, nuint begin, nuint end)
        where TWidth : ISimdWidth<TVector>
        where TVector : struct
    {
        var involved = k.InvolvedSpan;
        var stride = (nuint)1 << k.Target;
        var lanes = (nuint)1 << TWidth.LaneBits;
        var controls = k.ControlMask;
        TVector r00 = TWidth.Broadcast(k.M00.Real), i00 = TWidth.AlternatingSign(k.M00.Imaginary);
        TVector r01 = TWidth.Broadcast(k.M01.Real), i01 = TWidth.AlternatingSign(k.M01.Imaginary);
        TVector r10 = TWidth.Broadcast(k.M10.Real), i10 = TWidth.AlternatingSign(k.M10.Imaginary);
        TVector r11 = TWidth.Broadcast(k.M11.Real), i11 = TWidth.AlternatingSign(k.M11.Imaginary);
        for (var group = begin; group < end; group += lanes)
        {
            var i0 = BitIndex.InsertZeros(group, involved) | controls;
            var p0 = (double*)(state + i0);
            var p1 = (double*)(state + (i0 | stride));
            var a = TWidth.Load(p0);
            var b = TWidth.Load(p1);
            var sa = TWidth.SwapReIm(a);
            var sb = TWidth.SwapReIm(b);
            TWidth.Store(Combine<TWidth, TVector>(a, sa, r00, i00, b, sb, r01, i01), p0);
            TWidth.Store(Combine<TWidth, TVector>(a, sa, r10, i10, b, sb, r11, i11), p1);
        }
    }

    public static void Phase<TWidth, TVector>(in GateKernel k, Complex* state, nuint begin, nuint end)
        where TWidth : ISimdWidth<TVector>
        where TVector : struct
    {
        var involved = k.InvolvedSpan;
        var stride = (nuint)1 << k.Target;
        var lanes = (nuint)1 << TWidth.LaneBits;
        var controls = k.ControlMask;
        TVector r0 = TWidth.Broadcast(k.M00.Real), i0v = TWidth.AlternatingSign(k.M00.Imaginary);
        TVector r1 = TWidth.Broadcast(k.M11.Real), i1v = TWidth.AlternatingSign(k.M11.Imaginary);
        var touchZero = k.M00 != Complex.One;
        for (var group = begin; group < end; group += lanes)
        {
            var i0 = BitIndex.InsertZeros(group, involved) | controls;
            if (touchZero)
            {
                var p0 = (double*)(state + i0);
                var a = TWidth.Load(p0);
                TWidth.Store(TWidth.MultiplyAdd(TWidth.SwapReIm(a), i0v, TWidth.Multiply(a, r0)), p0);
            }

            var p1 = (double*)(state + (i0 | stride));
            var b = TWidth.Load(p1);
            TWidth.Store(TWidth.MultiplyAdd(TWidth.SwapReIm(b), i1v, TWidth.Multiply(b, r1)), p1);
        }
    }

    public static void SwapPairs<TWidth, TVector>(in GateKernel k, Complex* state, nuint begin, nuint end)
        where TWidth : ISimdWidth<TVector>
        where TVector : struct
    {
        var involved = k.InvolvedSpan;
        var lanes = (nuint)1 << TWidth.LaneBits;
        var controls = k.ControlMask;
        for (var group = begin; group < end; group += lanes)
        {
            var baseIndex = BitIndex.InsertZeros(group, involved) | controls;
            var pa = (double*)(state + (baseIndex | k.SwapA));
            var pb = (double*)(state + (baseIndex | k.SwapB));
            var a = TWidth.Load(pa);
            var b = TWidth.Load(pb);
            TWidth.Store(b, pa);
            TWidth.Store(a, pb);
        }
    }

    /// <summary>m_a·a + m_b·b for complex scalars given as (broadcast re, alternating im).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Combine<TWidth, TVector>(
        TVector a, TVector swappedA, TVector reA, TVector imA, TVector b, TVector swappedB, TVector reB, TVector imB)
        where TWidth : ISimdWidth<TVector>
        where TVector : struct
    {
        var sum = TWidth.Multiply(a, reA);
        sum = TWidth.MultiplyAdd(swappedA, imA, sum);
        sum = TWidth.MultiplyAdd(b, reB, sum);
        return TWidth.MultiplyAdd(swappedB, imB, sum);
    }
}
