namespace Qml.Learning.Data.Synthetic;

/// <summary>Standard normal draws by Box–Muller from a seeded <see cref="Random"/>, so noise is reproducible.</summary>
internal static class Gaussian
{
    public static double Next(Random random)
    {
        // 1 - NextDouble() lies in (0, 1], keeping the logarithm finite.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
