using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Qml.Learning.Tensors;

namespace Qml.Learning.Losses;

/// <summary>
/// Scalar training losses, each the mean over the batch. Targets are constants: no gradient flows
/// to them. The cross-entropies take logits and are fused with their (log-)softmax/sigmoid so they
/// stay finite and exact for any finite logit.
/// </summary>
public static class Loss
{
    /// <summary>mean((prediction − target)²); shapes must match exactly (no silent broadcasting).</summary>
    public static Tensor MeanSquaredError(Tensor prediction, Tensor target)
    {
        RequireSameShape(prediction, target);
        return Ops.Mean(Ops.Square(Ops.Sub(prediction, target.Detach())));
    }

    /// <summary>
    /// mean(max(z, 0) − z·y + log(1 + e^−|z|)): binary cross-entropy of sigmoid(z) against targets
    /// y ∈ [0, 1], finite for any logit; its gradient is (σ(z) − y)/N.
    /// </summary>
    public static Tensor BinaryCrossEntropyWithLogits(Tensor logits, Tensor targets)
    {
        RequireSameShape(logits, targets);
        int n = logits.Length;
        if (n == 0)
        {
            throw new ArgumentException("A loss over no elements is undefined.", nameof(logits));
        }

        double total = 0;
        ReadOnlySpan<double> z = logits.Data, y = targets.Data;
        for (int i = 0; i < n; i++)
        {
            total += Math.Max(z[i], 0) - (z[i] * y[i]) + Math.Log(1 + Math.Exp(-Math.Abs(z[i])));
        }

        Tensor result = Tensor.Scalar(total / n);
        return Tensor.FromCustomOp([logits], result, g =>
        {
            var grad = Tensor.Zeros(logits.Shape);
            Span<double> d = grad.Data;
            TensorPrimitives.Sigmoid(logits.Data, d);
            TensorPrimitives.Subtract(d, targets.Data, d);
            TensorPrimitives.Multiply(d, g.Item() / n, d);
            return [grad];
        });
    }

    /// <summary>Binary cross-entropy of probabilities p against targets, with p clamped to [1e-12, 1 − 1e-12]; prefer the logit form.</summary>
    public static Tensor BinaryCrossEntropy(Tensor probabilities, Tensor targets)
    {
        RequireSameShape(probabilities, targets);
        const double Eps = 1e-12;
        Tensor p = Ops.Clamp(probabilities, Eps, 1 - Eps);
        Tensor y = targets.Detach();
        Tensor positive = Ops.Mul(y, Ops.Log(p));
        Tensor negative = Ops.Mul(Ops.AddScalar(Ops.Neg(y), 1), Ops.Log(Ops.AddScalar(Ops.Neg(p), 1)));
        return Ops.Neg(Ops.Mean(Ops.Add(positive, negative)));
    }

    /// <summary>
    /// Multi-class cross-entropy: mean over rows of −log softmax(logits)[label], for logits [N, C]
    /// and labels in [0, C); computed with a stable log-sum-exp; its gradient is (softmax − onehot)/N.
    /// </summary>
    public static Tensor CrossEntropy(Tensor logits, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(labels);
        if (logits.Rank != 2 || logits.Dim(0) != labels.Length || labels.Length == 0)
        {
            throw new ArgumentException($"CrossEntropy needs logits [N, C] with N ≥ 1 and N labels; got [{string.Join(", ", logits.Shape)}] and {labels.Length} labels.", nameof(labels));
        }

        int n = logits.Dim(0), c = logits.Dim(1);
        int[] y = (int[])labels.Clone();
        var logProbs = Tensor.Zeros(n, c);
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            if ((uint)y[i] >= (uint)c)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), $"Label {y[i]} in row {i} is outside [0, {c}).");
            }

            Span<double> row = logProbs.Data.Slice(i * c, c);
            Ops.LogSoftmaxLane(logits.Data.Slice(i * c, c), row);
            total -= row[y[i]];
        }

        Tensor result = Tensor.Scalar(total / n);
        return Tensor.FromCustomOp([logits], result, g =>
        {
            var grad = Tensor.Zeros(n, c);
            Span<double> d = grad.Data;
            TensorPrimitives.Exp(logProbs.Data, d);
            for (int i = 0; i < n; i++)
            {
                d[(i * c) + y[i]] -= 1;
            }

            TensorPrimitives.Multiply(d, g.Item() / n, d);
            return [grad];
        });
    }

    /// <summary>mean(max(0, 1 − y·score)) for targets y ∈ {−1, +1}.</summary>
    public static Tensor Hinge(Tensor scores, Tensor targets)
    {
        RequireSameShape(scores, targets);
        return Ops.Mean(Ops.Relu(Ops.AddScalar(Ops.Neg(Ops.Mul(scores, targets.Detach())), 1)));
    }

    private static void RequireSameShape(Tensor prediction, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        if (!prediction.Dims.SequenceEqual(target.Dims))
        {
            throw new ArgumentException($"Prediction [{string.Join(", ", prediction.Shape)}] and target [{string.Join(", ", target.Shape)}] must have the same shape.", nameof(target));
        }
    }
}
