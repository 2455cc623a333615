namespace Qml.Learning.Data;

/// <summary>
/// Fisher–Yates shuffles driven by <see cref="Random(int)"/>, whose seeded sequence .NET keeps
/// stable across versions, so a seed names the same order on every machine.
/// </summary>
internal static class SeededShuffle
{
    public static int[] Permutation(int count, int seed)
    {
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        Shuffle(order, new Random(seed));
        return order;
    }

    public static void Shuffle<T>(Span<T> items, Random random)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
