namespace Qml.Models.Qkan.Daruan;

/// <summary>
/// The gate sequence of each ansatz (spec §3), shared by the exact solver, the circuit solver and
/// the tests' description of the circuits, so the three cannot drift apart.
/// </summary>
internal static class DaruanProgram
{
    public static GateStep[] For(Ansatz ansatz, int reps)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(reps);
        var steps = new List<GateStep>();
        int k = AnsatzInfo.AnglesPerStep(ansatz);
        for (int l = 0; l < reps; l++)
        {
            switch (ansatz)
            {
                case Ansatz.Pz:
                    steps.Add(Theta(GateKind.RZ, l, 0, k));
                    steps.Add(Theta(GateKind.RY, l, 1, k));
                    steps.Add(Data(GateKind.RZ, l));
                    break;
                case Ansatz.Rpz:
                    steps.Add(Theta(GateKind.RY, l, 0, k));
                    steps.Add(Data(GateKind.RZ, l));
                    break;
                case Ansatz.Px:
                    // The data gate is RX(acos(w·x+b)); the solvers apply the acos.
                    steps.Add(Theta(GateKind.RZ, l, 0, k));
                    steps.Add(Data(GateKind.RX, l));
                    break;
                case Ansatz.Real:
                    steps.Add(new GateStep(GateKind.X, false, -1));
                    steps.Add(Theta(GateKind.RY, l, 0, k));
                    steps.Add(new GateStep(GateKind.Z, false, -1));
                    steps.Add(Data(GateKind.RY, l));
                    break;
                case Ansatz.Mix:
                    steps.Add(Theta(GateKind.RZ, l, 0, k));
                    steps.Add(Theta(GateKind.RX, l, 1, k));
                    steps.Add(Data(GateKind.RY, l));
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(ansatz), ansatz, "Unknown ansatz.");
            }
        }

        switch (ansatz)
        {
            case Ansatz.Pz:
                steps.Add(Theta(GateKind.RZ, reps, 0, k));
                steps.Add(Theta(GateKind.RY, reps, 1, k));
                break;
            case Ansatz.Rpz:
                steps.Add(Theta(GateKind.RY, reps, 0, k));
                break;
            case Ansatz.Px:
                // A trailing RZ cannot change |a0| or |a1|, but its theta exists (and gets a zero gradient).
                steps.Add(Theta(GateKind.RZ, reps, 0, k));
                break;
            case Ansatz.Mix:
                steps.Add(Theta(GateKind.RZ, reps, 0, k));
                steps.Add(Theta(GateKind.RX, reps, 1, k));
                break;
        }

        return [.. steps];
    }

    private static GateStep Theta(GateKind kind, int step, int angle, int k) => new(kind, false, (step * k) + angle);

    private static GateStep Data(GateKind kind, int rep) => new(kind, true, rep);
}
