using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Qml.Backends.Cpu.Kernels;

/// <summary>AVX-512: four complex doubles per register.</summary>
internal readonly unsafe struct Width512 : ISimdWidth<Vector512<double>>
{
    public static bool IsAccelerated => Vector512.IsHardwareAccelerated;

    public static int LaneBits => 2;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Load(double* source) => Vector512.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<double> value, double* destination) => value.Store(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Broadcast(double value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> AlternatingSign(double value) =>
        Vector512.Create(-value, value, -value, value, -value, value, -value, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> SwapReIm(Vector512<double> value) =>
        Vector512.Shuffle(value, Vector512.Create(1L, 0, 3, 2, 5, 4, 7, 6));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> FlipLanes(Vector512<double> value, int bit) => bit == 0
        ? Vector512.Shuffle(value, Vector512.Create(2L, 3, 0, 1, 6, 7, 4, 5))
        : Vector512.Shuffle(value, Vector512.Create(4L, 5, 6, 7, 0, 1, 2, 3));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> XorLanes(Vector512<double> value, int mask) => mask switch
    {
        1 => Vector512.Shuffle(value, Vector512.Create(2L, 3, 0, 1, 6, 7, 4, 5)),
        2 => Vector512.Shuffle(value, Vector512.Create(4L, 5, 6, 7, 0, 1, 2, 3)),
        _ => Vector512.Shuffle(value, Vector512.Create(6L, 7, 4, 5, 2, 3, 0, 1)),
    };

    public static (Vector512<double> Real, Vector512<double> Imaginary) LaneFactors(Complex whenClear, Complex whenSet, int bit)
    {
        Span<double> re = stackalloc double[8];
        Span<double> im = stackalloc double[8];
        for (var lane = 0; lane < 4; lane++)
        {
            var factor = ((lane >> bit) & 1) == 0 ? whenClear : whenSet;
            re[2 * lane] = re[(2 * lane) + 1] = factor.Real;
            im[2 * lane] = -factor.Imaginary;
            im[(2 * lane) + 1] = factor.Imaginary;
        }

        return (Vector512.Create<double>(re), Vector512.Create<double>(im));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> MultiplyAdd(Vector512<double> a, Vector512<double> b, Vector512<double> c) =>
        Vector512.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Multiply(Vector512<double> a, Vector512<double> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Add(Vector512<double> a, Vector512<double> b) => a + b;
}

/// <summary>AVX2: two complex doubles per register.</summary>
internal readonly unsafe struct Width256 : ISimdWidth<Vector256<double>>
{
    public static bool IsAccelerated => Vector256.IsHardwareAccelerated;

    public static int LaneBits => 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Load(double* source) => Vector256.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<double> value, double* destination) => value.Store(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Broadcast(double value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> AlternatingSign(double value) => Vector256.Create(-value, value, -value, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> SwapReIm(Vector256<double> value) =>
        Vector256.Shuffle(value, Vector256.Create(1L, 0, 3, 2));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> FlipLanes(Vector256<double> value, int bit) =>
        Vector256.Shuffle(value, Vector256.Create(2L, 3, 0, 1));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> XorLanes(Vector256<double> value, int mask) =>
        Vector256.Shuffle(value, Vector256.Create(2L, 3, 0, 1));

    public static (Vector256<double> Real, Vector256<double> Imaginary) LaneFactors(Complex whenClear, Complex whenSet, int bit) =>
        (Vector256.Create(whenClear.Real, whenClear.Real, whenSet.Real, whenSet.Real),
         Vector256.Create(-whenClear.Imaginary, whenClear.Imaginary, -whenSet.Imaginary, whenSet.Imaginary));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> MultiplyAdd(Vector256<double> a, Vector256<double> b, Vector256<double> c) =>
        Vector256.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Multiply(Vector256<double> a, Vector256<double> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Add(Vector256<double> a, Vector256<double> b) => a + b;
}
