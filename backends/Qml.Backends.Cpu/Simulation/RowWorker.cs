using Qml.Abstractions.Circuits;
using Qml.Backends.Cpu.Memory;

namespace Qml.Backends.Cpu.Simulation;

/// <summary>Everything one worker allocates for a request: a simulator and the extra buffers the outputs need.</summary>
internal sealed class RowWorker : IDisposable
{
    public RowWorker(Circuit circuit, int amplitudeThreads, int extraStates, bool needsCumulative, int fusionQubits = 0, int cacheBlockQubits = CacheBlockedBatch.DefaultChunkQubits)
    {
        Simulator = new StatevectorSimulator(circuit, amplitudeThreads, fusionQubits, cacheBlockQubits);
        Extra = new StateBuffer[extraStates];
        for (var i = 0; i < extraStates; i++)
        {
            Extra[i] = new StateBuffer(circuit.QubitCount);
        }

        Cumulative = needsCumulative ? GC.AllocateUninitializedArray<double>(1 << circuit.QubitCount) : [];
    }

    public StatevectorSimulator Simulator { get; }

    /// <summary>Additional state vectors: λ and ∂U|ψ⟩ for gradients, the shared prefix for trajectories.</summary>
    public StateBuffer[] Extra { get; }

    /// <summary>The sampler's cumulative distribution, reused across rows.</summary>
    public double[] Cumulative { get; }

    public void Dispose()
    {
        Simulator.Dispose();
        foreach (var buffer in Extra)
        {
            buffer.Dispose();
        }
    }
}
