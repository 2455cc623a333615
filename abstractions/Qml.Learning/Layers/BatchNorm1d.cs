using Qml.Learning.Autodiff;
using Qml.Learning.Tensors;

namespace Qml.Learning.Layers;

/// <summary>
/// Batch normalisation over [N, C] (PyTorch's BatchNorm1d): training normalises with the batch's
/// mean and biased variance and updates running statistics (unbiased variance) with
/// <see cref="Momentum"/>; evaluation uses the running statistics.
/// </summary>
public sealed class BatchNorm1d : Module
{
    /// <summary>Creates the layer with weight 1, bias 0, running mean 0 and running variance 1.</summary>
    /// <param name="features">Channels C, at least 1.</param>
    /// <param name="epsilon">Added to the variance before the square root.</param>
    /// <param name="momentum">Weight of the current batch in the running statistics' update.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="features"/> ≤ 0.</exception>
    public BatchNorm1d(int features, double epsilon = 1e-5, double momentum = 0.1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        Features = features;
        Epsilon = epsilon;
        Momentum = momentum;
        Weight = RegisterParameter("weight", Tensor.Ones(features));
        Bias = RegisterParameter("bias", Tensor.Zeros(features));
        RunningMean = RegisterBuffer("running_mean", Tensor.Zeros(features));
        RunningVar = RegisterBuffer("running_var", Tensor.Ones(features));
        BatchesTracked = RegisterBuffer("num_batches_tracked", Tensor.Scalar(0));
    }

    /// <summary>Channels C: the size of the second input axis.</summary>
    public int Features { get; }

    /// <summary>Added to the variance before the square root, for stability.</summary>
    public double Epsilon { get; }

    /// <summary>running = (1 − Momentum)·running + Momentum·batch statistic.</summary>
    public double Momentum { get; }

    /// <summary>Per-channel scale γ, [C] (checkpoint name <c>weight</c>).</summary>
    public Parameter Weight { get; }

    /// <summary>Per-channel shift β, [C] (checkpoint name <c>bias</c>).</summary>
    public Parameter Bias { get; }

    /// <summary>Running per-channel mean, [C]; a buffer (saved, not trained), name <c>running_mean</c>.</summary>
    public Tensor RunningMean { get; }

    /// <summary>Running per-channel unbiased variance, [C]; a buffer, name <c>running_var</c>.</summary>
    public Tensor RunningVar { get; }

    /// <summary>Number of training batches seen, a scalar buffer (<c>num_batches_tracked</c>).</summary>
    public Tensor BatchesTracked { get; }

    /// <summary>Normalises [N, C] per channel, then scales by <see cref="Weight"/> and shifts by <see cref="Bias"/>.</summary>
    /// <exception cref="ArgumentException">The input is not [N, <see cref="Features"/>], or has fewer than 2 rows in training mode.</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 2 || input.Dim(1) != Features)
        {
            throw new ArgumentException($"BatchNorm1d({Features}) needs [N, {Features}]; got [{string.Join(", ", input.Shape)}].", nameof(input));
        }

        Tensor normalised;
        if (IsTraining)
        {
            int n = input.Dim(0);
            if (n < 2)
            {
                throw new ArgumentException("BatchNorm1d in training mode needs at least 2 rows to estimate a variance.", nameof(input));
            }

            Tensor mean = Ops.Mean(input, 0, keepDim: true);
            Tensor centred = Ops.Sub(input, mean);
            Tensor variance = Ops.Mean(Ops.Square(centred), 0, keepDim: true);
            normalised = Ops.Div(centred, Ops.Sqrt(Ops.AddScalar(variance, Epsilon)));
            UpdateRunningStatistics(mean, variance, n);
        }
        else
        {
            Tensor scale = Ops.Sqrt(Ops.AddScalar(RunningVar, Epsilon));
            normalised = Ops.Div(Ops.Sub(input, RunningMean), scale);
        }

        return Ops.Add(Ops.Mul(normalised, Weight.Value), Bias.Value);
    }

    private void UpdateRunningStatistics(Tensor mean, Tensor variance, int n)
    {
        using var scope = new NoGradScope();
        Span<double> rm = RunningMean.Data, rv = RunningVar.Data;
        ReadOnlySpan<double> m = mean.Data, v = variance.Data;
        double unbias = n / (n - 1.0);
        for (int c = 0; c < Features; c++)
        {
            rm[c] = ((1 - Momentum) * rm[c]) + (Momentum * m[c]);
            rv[c] = ((1 - Momentum) * rv[c]) + (Momentum * v[c] * unbias);
        }

        BatchesTracked.Data[0] += 1;
    }
}
