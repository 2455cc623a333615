namespace Qml.Models.Qkan.Daruan;

/// <summary>
/// What the solvers need to know about one layer's edges: sizes, the gate program, how each
/// repetition's data angle is formed and how theta blocks map to edges.
/// </summary>
internal sealed class DaruanSpec
{
    public DaruanSpec(int inputs, int outputs, Ansatz ansatz, int reps, Readout readout, bool preactTrainable, int group, bool perUnit = false)
    {
        PerUnit = perUnit;
        Inputs = inputs;
        Outputs = outputs;
        Ansatz = ansatz;
        Reps = reps;
        Readout = readout;
        Group = group;
        AnglesPerStep = AnsatzInfo.AnglesPerStep(ansatz);
        ThetaSteps = AnsatzInfo.ThetaSteps(ansatz, reps);
        Program = DaruanProgram.For(ansatz, reps);

        // rpz and px always encode w·x + b; the others read raw x unless pre-activations train (spec §3).
        UsesAffineData = preactTrainable || ansatz is Ansatz.Rpz or Ansatz.Px;
    }

    public int Inputs { get; }

    public int Outputs { get; }

    /// <summary>
    /// False: every output reads every input (a KAN layer). True: output o reads input o mod Inputs
    /// only (one DARUAN edge per output, Outputs a multiple of Inputs), as QKAN-LSTM's per-unit recurrence.
    /// </summary>
    public bool PerUnit { get; }

    public int Edges => PerUnit ? Outputs : Inputs * Outputs;

    public Ansatz Ansatz { get; }

    public int Reps { get; }

    public Readout Readout { get; }

    public int Group { get; }

    public int AnglesPerStep { get; }

    public int ThetaSteps { get; }

    /// <summary>Theta values per edge: steps × K.</summary>
    public int ThetaPerEdge => ThetaSteps * AnglesPerStep;

    /// <summary>Theta blocks stored: one per edge, or Group shared ones.</summary>
    public int ThetaBlocks => Group > 0 ? Group : Edges;

    public GateStep[] Program { get; }

    /// <summary>True when z_l = w·x + b per edge (else z_l = x, shared by every edge of input i).</summary>
    public bool UsesAffineData { get; }

    /// <summary>px applies RX(acos(u)) rather than a rotation by u.</summary>
    public bool ArcCosData => Ansatz == Ansatz.Px;

    public int ThetaBlock(int output, int input) => Group > 0 ? input % Group : Edge(output, input);

    /// <summary>The flat index of edge (output, input) in the per-edge parameter arrays.</summary>
    public int Edge(int output, int input) => PerUnit ? output : (output * Inputs) + input;

    /// <summary>The first input output <paramref name="output"/> reads.</summary>
    public int FirstInput(int output) => PerUnit ? output % Inputs : 0;

    /// <summary>One past the last input output <paramref name="output"/> reads.</summary>
    public int EndInput(int output) => PerUnit ? (output % Inputs) + 1 : Inputs;
}
