using System.Collections.Frozen;

namespace Qml.Abstractions.Gates;

/// <summary>Static facts about an <see cref="OperationKind"/>.</summary>
/// <param name="Kind">The operation.</param>
/// <param name="Name">Lower-case name as OpenQASM 3's stdgates.inc spells it (where it has one).</param>
/// <param name="QubitCount">Qubits the operation acts on; 0 means "any" (unitary, barrier).</param>
/// <param name="AngleCount">Angles it takes.</param>
/// <param name="IsUnitary">False for measure, reset and barrier.</param>
/// <param name="IsDiagonal">True when the matrix is diagonal for every angle (a phase kernel suffices).</param>
/// <param name="IsPermutation">True when the matrix permutes basis states without phases.</param>
/// <param name="ControlCount">Leading qubits that act as controls.</param>
public sealed record GateDefinition(
    OperationKind Kind,
    string Name,
    int QubitCount,
    int AngleCount,
    bool IsUnitary = true,
    bool IsDiagonal = false,
    bool IsPermutation = false,
    int ControlCount = 0)
{
    private static readonly GateDefinition[] ByKind = Build();

    private static readonly FrozenDictionary<string, GateDefinition> ByName =
        ByKind.ToFrozenDictionary(d => d.Name, StringComparer.Ordinal);

    /// <summary>True when the operation has angles that may depend on symbols.</summary>
    public bool IsParameterized => AngleCount > 0;

    /// <summary>All definitions, in <see cref="OperationKind"/> order.</summary>
    public static IReadOnlyList<GateDefinition> All => ByKind;

    /// <summary>The definition of <paramref name="kind"/>.</summary>
    public static GateDefinition Of(OperationKind kind) => ByKind[(int)kind];

    /// <summary>Looks a definition up by its lower-case name (e.g. <c>rx</c>, <c>cx</c>, <c>id</c>, <c>measure</c>); case-sensitive.</summary>
    /// <returns>True when a definition has that name.</returns>
    public static bool TryFind(string name, out GateDefinition definition) =>
        ByName.TryGetValue(name, out definition!);

    private static GateDefinition[] Build()
    {
        GateDefinition[] all =
        [
            new(OperationKind.I, "id", 1, 0, IsDiagonal: true, IsPermutation: true),
            new(OperationKind.X, "x", 1, 0, IsPermutation: true),
            new(OperationKind.Y, "y", 1, 0),
            new(OperationKind.Z, "z", 1, 0, IsDiagonal: true),
            new(OperationKind.H, "h", 1, 0),
            new(OperationKind.S, "s", 1, 0, IsDiagonal: true),
            new(OperationKind.Sdg, "sdg", 1, 0, IsDiagonal: true),
            new(OperationKind.T, "t", 1, 0, IsDiagonal: true),
            new(OperationKind.Tdg, "tdg", 1, 0, IsDiagonal: true),
            new(OperationKind.SX, "sx", 1, 0),
            new(OperationKind.SXdg, "sxdg", 1, 0),
            new(OperationKind.RX, "rx", 1, 1),
            new(OperationKind.RY, "ry", 1, 1),
            new(OperationKind.RZ, "rz", 1, 1, IsDiagonal: true),
            new(OperationKind.P, "p", 1, 1, IsDiagonal: true),
            new(OperationKind.U, "u", 1, 3),
            new(OperationKind.CX, "cx", 2, 0, IsPermutation: true, ControlCount: 1),
            new(OperationKind.CY, "cy", 2, 0, ControlCount: 1),
            new(OperationKind.CZ, "cz", 2, 0, IsDiagonal: true, ControlCount: 1),
            new(OperationKind.CH, "ch", 2, 0, ControlCount: 1),
            new(OperationKind.CRX, "crx", 2, 1, ControlCount: 1),
            new(OperationKind.CRY, "cry", 2, 1, ControlCount: 1),
            new(OperationKind.CRZ, "crz", 2, 1, IsDiagonal: true, ControlCount: 1),
            new(OperationKind.CP, "cp", 2, 1, IsDiagonal: true, ControlCount: 1),
            new(OperationKind.Swap, "swap", 2, 0, IsPermutation: true),
            new(OperationKind.ISwap, "iswap", 2, 0),
            new(OperationKind.RXX, "rxx", 2, 1),
            new(OperationKind.RYY, "ryy", 2, 1),
            new(OperationKind.RZZ, "rzz", 2, 1, IsDiagonal: true),
            new(OperationKind.CCX, "ccx", 3, 0, IsPermutation: true, ControlCount: 2),
            new(OperationKind.CSwap, "cswap", 3, 0, IsPermutation: true, ControlCount: 1),
            new(OperationKind.Unitary, "unitary", 0, 0),
            new(OperationKind.Measure, "measure", 1, 0, IsUnitary: false),
            new(OperationKind.Reset, "reset", 1, 0, IsUnitary: false),
            new(OperationKind.Barrier, "barrier", 0, 0, IsUnitary: false),
        ];

        for (var i = 0; i < all.Length; i++)
        {
            if ((int)all[i].Kind != i)
            {
                throw new InvalidOperationException($"Gate table out of order at {all[i].Kind}.");
            }
        }

        return all;
    }
}
