namespace Qml.Backends.Cpu.Kernels;

/// <summary>
/// One SIMD register width over interleaved complex doubles. The kernels are generic over it,
/// so the JIT emits one specialised loop per width with no virtual calls.
/// </summary>
internal unsafe interface ISimdWidth<TVector>
    where TVector : unmanaged
{
    static abstract bool IsAccelerated { get; }

    /// <summary>log2 of the complex amplitudes one register holds: targets below it live inside a register.</summary>
    static abstract int LaneBits { get; }

    static abstract TVector Load(double* source);

    static abstract void Store(TVector value, double* destination);

    static abstract TVector Broadcast(double value);

    /// <summary>(−x, x, −x, x, …): the imaginary part of a complex factor as the swap trick needs it.</summary>
    static abstract TVector AlternatingSign(double value);

    /// <summary>Swaps re and im inside every complex lane.</summary>
    static abstract TVector SwapReIm(TVector value);

    /// <summary>Exchanges the complex lanes whose index differs in bit <paramref name="bit"/> (below <see cref="LaneBits"/>).</summary>
    static abstract TVector FlipLanes(TVector value, int bit);

    /// <summary>Exchanges complex lane c with lane c ^ <paramref name="mask"/> (0 &lt; mask &lt; 2^<see cref="LaneBits"/>).</summary>
    static abstract TVector XorLanes(TVector value, int mask);

    /// <summary>Per-lane complex factors: lane c gets <paramref name="whenClear"/> if bit <paramref name="bit"/> of c is 0, else <paramref name="whenSet"/>; as (re, alternating im).</summary>
    static abstract (TVector Real, TVector Imaginary) LaneFactors(System.Numerics.Complex whenClear, System.Numerics.Complex whenSet, int bit);

    /// <summary>a·b + c, fused where the hardware can.</summary>
    static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);

    static abstract TVector Multiply(TVector a, TVector b);

    static abstract TVector Add(TVector a, TVector b);
}
