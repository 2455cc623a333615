using Qml.Abstractions.Circuits;

namespace Qml.Backends.Remote;

/// <summary>
/// One routing pass: the operations on physical qubits (SWAPs as <c>swap</c> gates; null when
/// only the layout was wanted), where each logical qubit started and ended
/// (<c>layout[logical] = physical</c>, over the device's width: logical qubits past the
/// circuit's are idle ancillas) and how many SWAPs were inserted.
/// </summary>
internal sealed record RouteResult(IReadOnlyList<Operation>? Operations, int[] InitialLayout, int[] FinalLayout, int Swaps)
{
    /// <summary>Times SABRE's release valve routed a gate along a shortest path because the heuristic made no progress.</summary>
    public int Releases { get; init; }
}
