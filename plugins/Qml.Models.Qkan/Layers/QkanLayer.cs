using Qml.Learning.Layers;
using Qml.Learning.Tensors;
using Qml.Models.Qkan.Daruan;
using Qml.Models.Qkan.Solvers;

namespace Qml.Models.Qkan.Layers;

/// <summary>
/// The reference QKANLayer (spec §4): y[b,o] = Σ_i M(P(f_oi(x_bi) + Pb) + Wb·SiLU(x_bi)), where
/// f_oi is the DARUAN circuit of edge (o, i). Tensors keep the reference's names and natural
/// shapes (theta [O, I, steps, K], …); trainable ones are parameters, frozen ones buffers, so
/// <see cref="Module.ParameterCount"/> is the spec's count and a checkpoint holds all of them.
/// </summary>
public sealed class QkanLayer : Module
{
    private readonly IEdgeSolver _solver;

    public QkanLayer(int inFeatures, int outFeatures, QkanLayerOptions? options = null, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inFeatures);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outFeatures);
        options ??= new QkanLayerOptions();
        options.Validate();
        random ??= new Random(0);
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Options = options;
        if (options.PerUnit && outFeatures % inFeatures != 0)
        {
            throw new ArgumentException($"A per-unit QKAN layer maps each input to outputs o with o mod {inFeatures} = input, so its outputs must be a multiple of its inputs; got {inFeatures} → {outFeatures}.");
        }

        Spec = new DaruanSpec(inFeatures, outFeatures, options.Ansatz, options.Reps, options.Readout, options.PreactTrainable, options.Group, options.PerUnit);
        int edgeInputs = options.PerUnit ? 1 : inFeatures;
        _solver = options.Solver == SolverKind.Exact
            ? new ExactSolver(Spec)
            : new CircuitSolver(Spec, options.Backend!, options.Differentiation);

        int reps = options.Reps;
        int[] thetaShape = options.Group > 0
            ? [options.Group, Spec.ThetaSteps, Spec.AnglesPerStep]
            : [outFeatures, edgeInputs, Spec.ThetaSteps, Spec.AnglesPerStep];
        var theta = options.ThetaInit == ThetaInit.Xavier
            ? Tensor.RandomNormal(random, thetaShape, 0, XavierStd(thetaShape))
            : Tensor.RandomNormal(random, thetaShape, 0, 1.0 / reps);
        int[] preShape = [outFeatures, edgeInputs, reps];
        var preWeight = options.PreactInit ? Tensor.RandomNormal(random, preShape, 0, XavierStd(preShape)) : Tensor.Ones(preShape);
        var preBias = options.PreactInit ? Tensor.RandomNormal(random, preShape, 0, XavierStd(preShape)) : Tensor.Zeros(preShape);

        Theta = Register("theta", theta, trainable: true);
        PreactWeight = Register("preacts_weight", preWeight, options.PreactTrainable);
        PreactBias = Register("preacts_bias", preBias, options.PreactTrainable || options.Ansatz == Ansatz.Rpz);
        BaseWeight = Register("base_weight", Tensor.Full(options.BaseTrainable ? 0.5 : 0.0, outFeatures, edgeInputs), options.BaseTrainable);
        PostactWeights = Register("postact_weights", Tensor.Ones(outFeatures, edgeInputs), options.PostactWeightTrainable);
        PostactBias = Register("postact_bias", Tensor.Zeros(outFeatures, edgeInputs), options.PostactBiasTrainable);
        Mask = Register("mask", Tensor.Ones(outFeatures, edgeInputs), trainable: false);
    }

    public QkanLayer(int inFeatures, int outFeatures, QkanLayerOptions options, int seed)
        : this(inFeatures, outFeatures, options, new Random(seed))
    {
    }

    public int InFeatures { get; }

    public int OutFeatures { get; }

    public QkanLayerOptions Options { get; }

    /// <summary>[O, I, steps, K] (or [group, steps, K]); steps = reps + 1, or reps for "real". Per-unit layers have I = 1 here.</summary>
    public Tensor Theta { get; }

    /// <summary>[O, I, reps].</summary>
    public Tensor PreactWeight { get; }

    /// <summary>[O, I, reps].</summary>
    public Tensor PreactBias { get; }

    /// <summary>[O, I]: weight of the SiLU branch.</summary>
    public Tensor BaseWeight { get; }

    /// <summary>[O, I].</summary>
    public Tensor PostactWeights { get; }

    /// <summary>[O, I].</summary>
    public Tensor PostactBias { get; }

    /// <summary>[O, I], frozen: pruning only.</summary>
    public Tensor Mask { get; }

    internal DaruanSpec Spec { get; }

    /// <summary>The spec's trainable-parameter formula (groups excepted), for cross-checking counts.</summary>
    public static int ExpectedParameterCount(int inFeatures, int outFeatures, QkanLayerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int r = options.Reps;
        int t = options.Ansatz switch
        {
            Ansatz.Pz or Ansatz.Mix => 2 * (r + 1),
            Ansatz.Real => r,
            _ => r + 1,
        };
        int perEdge = t
            + (options.PreactTrainable ? 2 * r : 0)
            + (options.Ansatz == Ansatz.Rpz && !options.PreactTrainable ? r : 0)
            + (options.BaseTrainable ? 1 : 0)
            + (options.PostactWeightTrainable ? 1 : 0)
            + (options.PostactBiasTrainable ? 1 : 0);
        return (options.PerUnit ? outFeatures : inFeatures * outFeatures) * perEdge;
    }

    /// <summary>Maps x [batch, in] to y [batch, out].</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 2 || input.Dim(1) != InFeatures || input.Dim(0) == 0)
        {
            throw new ArgumentException($"QkanLayer({InFeatures} → {OutFeatures}) takes [batch ≥ 1, {InFeatures}]; got [{string.Join(", ", input.Shape)}].", nameof(input));
        }

        int batch = input.Dim(0);
        var values = Snapshot();
        var x = input.ToArray();
        var output = Tensor.Wrap(_solver.Forward(values, x, batch), batch, OutFeatures);
        Tensor[] inputs = [input, Theta, PreactWeight, PreactBias, BaseWeight, PostactWeights, PostactBias];
        return Tensor.FromCustomOp(inputs, output, upstream =>
        {
            var g = _solver.Backward(values, x, batch, upstream.ToArray());
            return
            [
                Tensor.Wrap(g.X, batch, InFeatures),
                Tensor.Wrap(g.Theta, Theta.Shape),
                Tensor.Wrap(g.PreactWeight, PreactWeight.Shape),
                Tensor.Wrap(g.PreactBias, PreactBias.Shape),
                Tensor.Wrap(g.BaseWeight, BaseWeight.Shape),
                Tensor.Wrap(g.PostactWeight, PostactWeights.Shape),
                Tensor.Wrap(g.PostactBias, PostactBias.Shape),
            ];
        });
    }

    /// <summary>
    /// A layer with <paramref name="reps"/> ≥ Reps repetitions computing the same function for pz
    /// and rpz (spec §6): theta steps 0..r−1 and the old final step keep their values, the new steps
    /// are zero (identity rotations and pure phases before the readout), pre-activations of new
    /// repetitions are w = 1, b = 0; base, post-activation and mask are copied.
    /// </summary>
    public QkanLayer Refine(int reps)
    {
        if (reps < Options.Reps)
        {
            throw new ArgumentOutOfRangeException(nameof(reps), reps, $"Refine extends a layer; it has {Options.Reps} repetitions already.");
        }

        var refined = new QkanLayer(InFeatures, OutFeatures, Options with { Reps = reps }, new Random(0));
        refined.Theta.Data.Clear();
        refined.PreactWeight.Data.Fill(1.0);
        refined.PreactBias.Data.Clear();
        int k = Spec.AnglesPerStep, oldSteps = Spec.ThetaSteps, newSteps = refined.Spec.ThetaSteps;
        int blocks = Spec.ThetaBlocks, r = Options.Reps;
        for (int e = 0; e < blocks; e++)
        {
            // Steps 0..r−1 and, where it exists, the final step r land at the same indices.
            Theta.Data.Slice(e * oldSteps * k, oldSteps * k).CopyTo(refined.Theta.Data.Slice(e * newSteps * k));
        }

        for (int e = 0; e < Spec.Edges; e++)
        {
            PreactWeight.Data.Slice(e * r, r).CopyTo(refined.PreactWeight.Data.Slice(e * reps));
            PreactBias.Data.Slice(e * r, r).CopyTo(refined.PreactBias.Data.Slice(e * reps));
        }

        BaseWeight.Data.CopyTo(refined.BaseWeight.Data);
        PostactWeights.Data.CopyTo(refined.PostactWeights.Data);
        PostactBias.Data.CopyTo(refined.PostactBias.Data);
        Mask.Data.CopyTo(refined.Mask.Data);
        return refined;
    }

    internal EdgeValues Snapshot() => new(
        Theta.ToArray(),
        PreactWeight.ToArray(),
        PreactBias.ToArray(),
        BaseWeight.ToArray(),
        PostactWeights.ToArray(),
        PostactBias.ToArray(),
        Mask.ToArray());

    /// <summary>torch's xavier_normal_ std: fan_in = dim1·receptive, fan_out = dim0·receptive.</summary>
    internal static double XavierStd(int[] shape)
    {
        int receptive = 1;
        for (int d = 2; d < shape.Length; d++)
        {
            receptive *= shape[d];
        }

        double fanIn = shape[1] * receptive, fanOut = shape[0] * receptive;
        return Math.Sqrt(2.0 / (fanIn + fanOut));
    }

    private Tensor Register(string name, Tensor value, bool trainable) =>
        trainable ? RegisterParameter(name, value).Value : RegisterBuffer(name, value);
}
