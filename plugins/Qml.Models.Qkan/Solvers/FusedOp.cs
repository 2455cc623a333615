using Qml.Models.Qkan.Daruan;

namespace Qml.Models.Qkan.Solvers;

/// <summary>
/// One gate of the exact solver's program: a rotation by theta, by the data angle, or by their sum
/// (a data gate directly followed by a theta gate about the same axis, as pz's RZ(z_l)·RZ(θ_{l+1,0}):
/// rotations about one axis commute and add), or a fixed X or Z.
/// </summary>
internal readonly record struct FusedOp(GateKind Kind, int Theta, int Data)
{
    public bool IsRotation => Kind is GateKind.RZ or GateKind.RY or GateKind.RX;

    /// <summary>
    /// The fused program and the length of its constant prefix (the gates before the first data
    /// gate, whose result is the same for every sample of an edge). px's data angle is acos(u),
    /// whose gradient needs the data gate's own half-angles, so px gates are never fused.
    /// </summary>
    public static (FusedOp[] Ops, int Prefix) Compile(DaruanSpec spec)
    {
        var ops = new List<FusedOp>();
        foreach (GateStep step in spec.Program)
        {
            if (!step.IsRotation)
            {
                ops.Add(new FusedOp(step.Kind, -1, -1));
                continue;
            }

            if (!step.IsData && !spec.ArcCosData && ops.Count > 0 && ops[^1] is { Data: >= 0, Theta: < 0 } last && last.Kind == step.Kind)
            {
                ops[^1] = last with { Theta = step.Index };
                continue;
            }

            ops.Add(step.IsData ? new FusedOp(step.Kind, -1, step.Index) : new FusedOp(step.Kind, step.Index, -1));
        }

        int prefix = 0;
        while (prefix < ops.Count && ops[prefix].Data < 0)
        {
            prefix++;
        }

        return ([.. ops], prefix);
    }
}
