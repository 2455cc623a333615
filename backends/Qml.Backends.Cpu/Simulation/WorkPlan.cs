using Qml.Backends.Cpu.Memory;

namespace Qml.Backends.Cpu.Simulation;

/// <summary>
/// How a request uses the threads: small states run whole rows in parallel (no synchronisation
/// per gate), large states run one row at a time with every thread on its amplitudes.
/// </summary>
internal sealed record WorkPlan(int RowWorkers, int AmplitudeThreads)
{
    public int Threads => RowWorkers * AmplitudeThreads;

    /// <param name="qubitCount">Qubits per state.</param>
    /// <param name="rows">Rows of the batch.</param>
    /// <param name="threads">Threads the backend may use.</param>
    /// <param name="parallelMinQubits">Smallest state whose gates are spread over threads.</param>
    public static WorkPlan For(int qubitCount, int rows, int threads, int parallelMinQubits) =>
        qubitCount >= parallelMinQubits
            ? new WorkPlan(1, threads)
            : new WorkPlan(Math.Min(threads, rows), 1);

    /// <summary>Refuses the plan before allocating when its buffers would not fit in memory.</summary>
    /// <param name="backend">Backend name for the error.</param>
    /// <param name="qubitCount">Qubits per state.</param>
    /// <param name="statesPerWorker">State vectors each worker holds (1, or 3 for gradients).</param>
    /// <param name="sharedStates">Buffers held once for the whole request, e.g. returned states.</param>
    public void EnsureFits(string backend, int qubitCount, double statesPerWorker, double sharedStates)
    {
        var total = (RowWorkers * statesPerWorker) + sharedStates;
        var why = RowWorkers > 1
            ? $"{RowWorkers} rows in parallel × {statesPerWorker:0.##} buffer(s) each"
            : $"{statesPerWorker:0.##} buffer(s) per row";
        if (sharedStates > 0)
        {
            why += $" + {sharedStates:0.##} for returned states";
        }

        MemoryBudget.EnsureFits(backend, qubitCount, total, why);
    }
}
