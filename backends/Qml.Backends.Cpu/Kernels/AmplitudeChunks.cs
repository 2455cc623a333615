namespace Qml.Backends.Cpu.Kernels;

/// <summary>
/// Splits a whole-state pass (an expectation, an inner product, building λ) over threads for
/// large states (the work plan passes one thread for small ones). These run a few times per request, not per gate, so a closure per call is fine.
/// Partial sums are added in chunk order, so a given thread count always gives the same result.
/// </summary>
internal static class AmplitudeChunks
{
    public static double Sum(nuint length, int threads, Func<nuint, nuint, double> partial)
    {
        if (threads <= 1 || length < (nuint)threads)
        {
            return partial(0, length);
        }

        var parts = new double[threads];
        var chunk = length / (nuint)threads;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            parts[t] = partial(chunk * (nuint)t, t == threads - 1 ? length : chunk * (nuint)(t + 1)));
        var total = 0.0;
        foreach (var part in parts)
        {
            total += part;
        }

        return total;
    }

    public static void For(nuint length, int threads, Action<nuint, nuint> body)
    {
        if (threads <= 1 || length < (nuint)threads)
        {
            body(0, length);
            return;
        }

        var chunk = length / (nuint)threads;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            body(chunk * (nuint)t, t == threads - 1 ? length : chunk * (nuint)(t + 1)));
    }
}
