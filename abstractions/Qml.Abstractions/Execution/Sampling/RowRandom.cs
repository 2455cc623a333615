namespace Qml.Abstractions.Execution.Sampling;

/// <summary>
/// The random stream a backend samples row <c>r</c> of a request with: xoshiro256** seeded
/// through SplitMix64 from (seed, row). Tiny, fast and deterministic across runtimes and machines
/// (unlike System.Random); every backend uses this one, so equal probabilities give equal samples
/// on every backend and a row's samples do not depend on the batch size or thread count.
/// </summary>
public struct RowRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>The stream for binding row <paramref name="row"/> of a request seeded with <paramref name="seed"/>.</summary>
    public RowRandom(ulong seed, int row)
    {
        var mix = seed ^ (0x9E3779B97F4A7C15UL * ((ulong)row + 1));
        _s0 = SplitMix64(ref mix);
        _s1 = SplitMix64(ref mix);
        _s2 = SplitMix64(ref mix);
        _s3 = SplitMix64(ref mix);
    }

    /// <summary>The next 64 uniformly random bits.</summary>
    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    private static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
