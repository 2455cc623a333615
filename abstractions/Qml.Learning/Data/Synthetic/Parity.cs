namespace Qml.Learning.Data.Synthetic;

/// <summary>
/// Bit strings labelled by their parity (label 1 when the number of ones is odd); two bits is
/// XOR. Features are the bits as 0.0/1.0 plus optional Gaussian noise; labels always come from
/// the clean bits.
/// </summary>
public static class Parity
{
    /// <summary>The largest bit count for which every string is enumerated (2^20 rows).</summary>
    public const int MaxEnumeratedBits = 20;

    /// <summary>With <c>samples</c> = 0 every one of the 2^bits strings appears once (shuffled); otherwise that many uniform random strings.</summary>
    public static Dataset Generate(int bits = 2, int samples = 0, double noise = 0, int seed = 0)
    {
        SyntheticChecks.AtLeast("parity", "bits", bits, 1);
        SyntheticChecks.AtLeast("parity", "samples", samples, 0);
        SyntheticChecks.NonNegative("parity", "noise", noise);
        if (bits > 62 || (samples == 0 && bits > MaxEnumeratedBits))
        {
            throw new Qml.Abstractions.QmlException(
                $"parity: bits = {bits} is invalid; expected at most {MaxEnumeratedBits} to enumerate every string, or at most 62 with samples > 0.");
        }

        var random = new Random(seed);
        var count = samples == 0 ? 1 << bits : samples;
        var codes = new long[count];
        for (var i = 0; i < count; i++)
        {
            codes[i] = samples == 0 ? i : random.NextInt64(1L << bits);
        }

        if (samples == 0)
        {
            SeededShuffle.Shuffle(codes.AsSpan(), random);
        }

        var features = new double[count * bits];
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            for (var b = 0; b < bits; b++)
            {
                // Bit 0 is the most significant, so a row reads like the binary number it encodes.
                var bit = (codes[i] >> (bits - 1 - b)) & 1;
                features[(i * bits) + b] = bit + (noise * Gaussian.Next(random));
            }

            labels[i] = (int)(long.PopCount(codes[i]) & 1);
        }

        var names = Enumerable.Range(0, bits).Select(b => $"b{b}").ToArray();
        return Dataset.ForClassification(bits == 2 ? "xor" : "parity", features, bits, labels, 2, names, ["even", "odd"]);
    }
}
