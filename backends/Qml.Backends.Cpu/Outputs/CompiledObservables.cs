using Qml.Abstractions.Observables;
using Qml.Backends.Cpu.Memory;

namespace Qml.Backends.Cpu.Outputs;

/// <summary>A request's observables as Pauli masks, compiled once per request.</summary>
internal sealed class CompiledObservables
{
    private readonly PauliMask[] _masks;
    private readonly int[] _starts;

    public CompiledObservables(IReadOnlyList<Observable> observables)
    {
        (_masks, _starts) = PauliMask.Compile(observables);
        Count = observables.Count;
    }

    public int Count { get; }

    public ReadOnlySpan<PauliMask> Terms(int observable) => _masks.AsSpan(_starts[observable], _starts[observable + 1] - _starts[observable]);

    public void Evaluate(StateBuffer state, Span<double> destination, int threads)
    {
        for (var o = 0; o < Count; o++)
        {
            destination[o] = PauliExpectation.Expectation(state, Terms(o), threads);
        }
    }
}
