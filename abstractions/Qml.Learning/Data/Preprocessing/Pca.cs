using System.Numerics.Tensors;

namespace Qml.Learning.Data.Preprocessing;

/// <summary>
/// Principal component analysis: projects centred features onto the <see cref="ComponentCount"/>
/// directions of largest training variance (eigenvectors of the sample covariance).
/// </summary>
public sealed class Pca : IFeatureTransform
{
    /// <summary>Above this many features the top components come from subspace iteration rather than a full Jacobi decomposition.</summary>
    public const int JacobiFeatureLimit = 128;

    private readonly double[] components;

    /// <summary>Restores a fitted PCA (e.g. from a model card); the arrays are kept, not copied.</summary>
    /// <param name="mean">Per-feature training mean, length F.</param>
    /// <param name="components">Row-major k × F unit directions.</param>
    /// <param name="explainedVariance">Variance along each of the k components, largest first.</param>
    /// <param name="totalVariance">Sum of all feature variances.</param>
    /// <exception cref="Qml.Abstractions.QmlException"><paramref name="components"/> does not hold k × F values.</exception>
    public Pca(double[] mean, double[] components, double[] explainedVariance, double totalVariance)
    {
        var k = explainedVariance.Length;
        FeatureStatistics.RequireLength(nameof(Pca), "components", components.Length, k * mean.Length);
        Mean = mean;
        this.components = components;
        ExplainedVariance = explainedVariance;
        TotalVariance = totalVariance;
    }

    /// <summary>Per-feature training mean, subtracted before projecting.</summary>
    public IReadOnlyList<double> Mean { get; }

    /// <summary>Row-major k × F: row i is the unit direction of component i.</summary>
    public IReadOnlyList<double> Components => components;

    /// <summary>Variance of the training data along each component, largest first.</summary>
    public IReadOnlyList<double> ExplainedVariance { get; }

    /// <summary>Sum of all feature variances (the trace of the covariance).</summary>
    public double TotalVariance { get; }

    /// <summary>Number of components k kept.</summary>
    public int ComponentCount => ExplainedVariance.Count;

    /// <summary>Features F per input row.</summary>
    public int InputFeatureCount => Mean.Count;

    /// <summary>Components k per output row.</summary>
    public int OutputFeatureCount => ComponentCount;

    /// <summary>Fits the mean and the top <paramref name="components"/> directions on <paramref name="train"/> (use the training part only).
    /// Each direction's sign is fixed (largest entry positive) so a refit gives the same features.</summary>
    /// <param name="train">At least 2 samples.</param>
    /// <param name="components">Components k to keep, 1..F.</param>
    /// <param name="seed">Seed of the subspace iteration used above <see cref="JacobiFeatureLimit"/> features.</param>
    /// <exception cref="Qml.Abstractions.QmlException">Fewer than 2 samples, or k outside 1..F.</exception>
    public static Pca Fit(Dataset train, int components, int seed = 0)
    {
        FeatureStatistics.RequireSamples(train, 2);
        var f = train.FeatureCount;
        if (components < 1 || components > f)
        {
            throw new Qml.Abstractions.QmlException($"PCA of dataset '{train.Name}' to {components} components is invalid; expected 1..{f}.");
        }

        var mean = FeatureStatistics.Means(train);
        var covariance = Covariance(train, mean);
        var total = 0.0;
        for (var i = 0; i < f; i++)
        {
            total += covariance[(i * f) + i];
        }

        var eigen = f <= JacobiFeatureLimit
            ? SymmetricEigen.Jacobi(covariance, f)
            : SymmetricEigen.TopEigenpairs(covariance, f, components, seed);
        var vectors = eigen.Vectors.AsSpan(0, components * f).ToArray();
        // Fix each direction's sign (largest entry positive) so a refit gives the same features.
        for (var c = 0; c < components; c++)
        {
            var row = vectors.AsSpan(c * f, f);
            if (row[TensorPrimitives.IndexOfMaxMagnitude(row)] < 0)
            {
                TensorPrimitives.Negate(row, row);
            }
        }

        return new Pca(mean, vectors, eigen.Values[..components].Select(v => Math.Max(v, 0)).ToArray(), total);
    }

    /// <summary>Writes the k projections of the centred row onto the components.</summary>
    public void TransformRow(ReadOnlySpan<double> row, Span<double> output)
    {
        var f = Mean.Count;
        Span<double> centred = f <= 1024 ? stackalloc double[f] : new double[f];
        for (var i = 0; i < f; i++)
        {
            centred[i] = row[i] - Mean[i];
        }

        for (var c = 0; c < ComponentCount; c++)
        {
            output[c] = TensorPrimitives.Dot(components.AsSpan(c * f, f), centred);
        }
    }

    /// <summary>Maps component scores back to feature space: mean + Σ score_i · component_i.</summary>
    public void InverseTransformRow(ReadOnlySpan<double> scores, Span<double> output)
    {
        var f = Mean.Count;
        for (var i = 0; i < f; i++)
        {
            output[i] = Mean[i];
        }

        for (var c = 0; c < ComponentCount; c++)
        {
            TensorPrimitives.MultiplyAdd(components.AsSpan(c * f, f), scores[c], output, output);
        }
    }

    /// <summary>Sample covariance (divisor N − 1), accumulated one centred row at a time.</summary>
    private static double[] Covariance(Dataset data, double[] mean)
    {
        var f = data.FeatureCount;
        var covariance = new double[f * f];
        var centred = new double[f];
        for (var s = 0; s < data.SampleCount; s++)
        {
            TensorPrimitives.Subtract(data.Row(s), mean, centred);
            for (var i = 0; i < f; i++)
            {
                if (centred[i] != 0)
                {
                    // Upper triangle only; mirrored below.
                    var row = covariance.AsSpan((i * f) + i, f - i);
                    TensorPrimitives.MultiplyAdd(centred.AsSpan(i), centred[i], row, row);
                }
            }
        }

        var scale = 1.0 / (data.SampleCount - 1);
        for (var i = 0; i < f; i++)
        {
            for (var j = i; j < f; j++)
            {
                covariance[(i * f) + j] *= scale;
                covariance[(j * f) + i] = covariance[(i * f) + j];
            }
        }

        return covariance;
    }
}
