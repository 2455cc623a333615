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

    public int Features { get; }

    public double Epsilon { get; }

    public double Momentum { get; }

    public Parameter Weight { get; }

    public Parameter Bias { get; }

    public Tensor RunningMean { get; }

    public Tensor RunningVar { get; }

    public Tensor BatchesTracked { get; }

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
