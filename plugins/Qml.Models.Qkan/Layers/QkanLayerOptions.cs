using Qml.Abstractions.Execution;
using Qml.Learning.Quantum;
using Qml.Models.Qkan.Daruan;

namespace Qml.Models.Qkan.Layers;

/// <summary>How theta is drawn (the reference's theta_init).</summary>
public enum ThetaInit
{
    /// <summary>xavier_normal_ with torch's fan rule on the natural theta shape (default).</summary>
    Xavier,

    /// <summary>N(0, σ = 1/reps).</summary>
    SmallGaussian,
}

/// <summary>Which solver evaluates the edge circuits.</summary>
public enum SolverKind
{
    /// <summary>Closed-form 2×2 complex products, SIMD across the batch, fused backward.</summary>
    Exact,

    /// <summary>The same circuits as one batched request to an <see cref="IBackend"/>.</summary>
    Circuit,
}

/// <summary>
/// Every option of the reference QKANLayer (spec §4). The defaults are QKANLayer's: the SiLU base
/// branch is trainable; QKAN networks switch it off (see <see cref="ForNetwork"/>).
/// </summary>
public sealed record QkanLayerOptions
{
    public int Reps { get; init; } = 3;

    public Ansatz Ansatz { get; init; } = Ansatz.Pz;

    public Readout Readout { get; init; } = Readout.Fast;

    /// <summary>preact_trainable: z_l = w·x + b with trainable w and b.</summary>
    public bool PreactTrainable { get; init; }

    /// <summary>preact_init: xavier-normal pre-activation weights and biases instead of ones and zeros.</summary>
    public bool PreactInit { get; init; }

    /// <summary>ba_trainable: the SiLU base branch (weight 0.5, trainable) versus off (weight 0, frozen).</summary>
    public bool BaseTrainable { get; init; } = true;

    public bool PostactWeightTrainable { get; init; }

    public bool PostactBiasTrainable { get; init; }

    /// <summary>-1: one theta block per edge; g > 0: g blocks, edge (o, i) uses block i mod g (shared across outputs).</summary>
    public int Group { get; init; } = -1;

    public ThetaInit ThetaInit { get; init; } = ThetaInit.Xavier;

    /// <summary>
    /// Not in the reference: output o reads only input o mod I (one edge per output, O a multiple of I),
    /// so the layer has O edges instead of O·I. QKAN-LSTM's per-unit recurrence uses it.
    /// </summary>
    public bool PerUnit { get; init; }

    public SolverKind Solver { get; init; } = SolverKind.Exact;

    /// <summary>The backend of the circuit solver.</summary>
    public IBackend? Backend { get; init; }

    /// <summary>How the circuit solver differentiates (auto: adjoint where the backend has it, else parameter shift).</summary>
    public DifferentiationMethod Differentiation { get; init; } = DifferentiationMethod.Auto;

    /// <summary>The reference QKAN's layer defaults: no base branch.</summary>
    public static QkanLayerOptions ForNetwork { get; } = new() { BaseTrainable = false };

    /// <summary>The README's flags: trainable pre-activations, post-activation weight and bias, base branch.</summary>
    public QkanLayerOptions WithAllFlags() => this with
    {
        PreactTrainable = true,
        PostactWeightTrainable = true,
        PostactBiasTrainable = true,
        BaseTrainable = true,
    };

    internal void Validate()
    {
        if (Reps < 1)
        {
            throw new ArgumentException($"A DARUAN circuit needs reps ≥ 1; got {Reps}.");
        }

        if (Ansatz == Ansatz.Px && !PreactTrainable)
        {
            // The reference crashes here (encoded_x undefined); we refuse with a reason instead.
            throw new ArgumentException("The px ansatz encodes RX(acos(w·x+b)) and needs trainable pre-activations (PreactTrainable = true), as in the reference.");
        }

        if (Group == 0 || Group < -1)
        {
            throw new ArgumentException($"Group must be -1 (one theta per edge) or a positive number of shared blocks; got {Group}.");
        }

        if (Solver == SolverKind.Circuit && Backend is null)
        {
            throw new ArgumentException("The circuit solver needs a backend (QkanLayerOptions.Backend).");
        }
    }
}
