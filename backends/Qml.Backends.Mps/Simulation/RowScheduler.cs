using System.Runtime.ExceptionServices;

namespace Qml.Backends.Mps.Simulation;

/// <summary>Runs the rows of a batch on a few workers, each with its own MPS and scratch buffers.</summary>
internal static class RowScheduler
{
    public static void ForEachRow<TWorker>(int rows, int workers, Func<TWorker> createWorker, Action<TWorker, int> runRow, CancellationToken cancellationToken)
    {
        if (workers <= 1 || rows <= 1)
        {
            var worker = createWorker();
            for (var row = 0; row < rows; row++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                runRow(worker, row);
            }

            return;
        }

        var next = -1;
        var options = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken };
        try
        {
            Parallel.For(0, Math.Min(workers, rows), options, _ =>
            {
                var worker = createWorker();
                int row;
                while ((row = Interlocked.Increment(ref next)) < rows)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    runRow(worker, row);
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // Callers expect the backend's own exception types, not a wrapper.
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
    }
}
