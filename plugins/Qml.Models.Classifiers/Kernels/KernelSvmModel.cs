using Qml.Abstractions;
using Qml.Learning.Checkpoints;
using Qml.Learning.Data;
using Qml.Learning.Layers;
using Qml.Learning.Models;
using Qml.Learning.Tensors;

namespace Qml.Models.Classifiers.Kernels;

/// <summary>
/// How a kernel SVM model gets its kernel: <see cref="Fit"/> may choose data-dependent
/// hyperparameters (the RBF's gamma) from the training rows and returns them with the kernel;
/// <see cref="Build"/> rebuilds the same kernel from those saved values.
/// </summary>
internal interface IKernelRecipe
{
    (IKernel Kernel, double[] Hyperparameters) Fit(Dataset train);

    IKernel Build(double[] hyperparameters);
}

/// <summary>
/// A C-SVM on a precomputed kernel as a one-shot model (<c>qml train --model qsvm | rbf-svm</c>):
/// <see cref="Fit"/> computes the training Gram matrix once and solves the dual with
/// <see cref="SmoSolver"/> (binary, or one-vs-rest per class); the network maps rows to logits
/// [−f/2, f/2] (binary, so softmax gives σ(f)) or the per-class decision values f_k, where
/// f(x) = Σ_i α_i y_i K(x_i, x) + b over the support vectors. Loss: the mean hinge loss
/// max(0, 1 − y f). Checkpoint tensors: support_vectors [s, features], dual_coef [machines, s]
/// (α_i y_i), intercept [machines] (b = −ρ), kernel [hyperparameters].
/// </summary>
internal sealed class KernelSvmModel : ModelBase, IKernelModel
{
    private readonly IKernelRecipe _recipe;
    private readonly double _c;
    private readonly double _tolerance;
    private readonly int _features;
    private readonly int _classes;
    private readonly string _name;
    private readonly KernelMachine _machine;
    private double[]? _trainFeatures;
    private double[,]? _trainGram;

    public KernelSvmModel(string name, string version, IKernelRecipe recipe, double c, double tolerance, ModelOptions options, ModelContext context)
    {
        if (context.Task != ModelTask.Classification)
        {
            throw new QmlException($"model '{name}' is a classifier; choose a classification dataset.");
        }

        _name = name;
        _recipe = recipe;
        _c = c;
        _tolerance = tolerance;
        _features = context.InputFeatures;
        _classes = Math.Max(2, context.Outputs);
        _machine = new KernelMachine(name, _classes);
        Card = Common.ClassifierCards.Create(name, version, _machine, options, context);
    }

    public override ModelCard Card { get; }

    public override Module Network => _machine;

    public int FittedParameterCount => _machine.Fitted is { } f ? f.DualCoefficients.Length + f.Intercepts.Length : 0;

    /// <summary>The solver's result per machine from the last <see cref="Fit"/> (convergence, iterations).</summary>
    public IReadOnlyList<SvmSolution> Solutions { get; private set; } = [];

    public void Fit(Dataset train, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        var labels = train.Labels ?? throw new QmlException($"model '{_name}' is a classifier but the training data has no labels.");
        if (train.FeatureCount != _features)
        {
            throw new QmlException($"model '{_name}' was built for {_features} features; the training data has {train.FeatureCount}.");
        }

        if (labels.Distinct().Count() < 2)
        {
            throw new QmlException($"model '{_name}': the training part has only one class; an SVM needs samples of at least two.");
        }

        var (kernel, hyperparameters) = _recipe.Fit(train);
        var gram = kernel.Gram(train.Features);
        cancellationToken.ThrowIfCancellationRequested();
        var targets = _classes == 2 ? new[] { 1 } : Enumerable.Range(0, _classes).ToArray();
        var solutions = new List<SvmSolution>(targets.Length);
        foreach (var k in targets)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int[] y = [.. labels.Select(l => l == k ? 1 : -1)];
            solutions.Add(y.Distinct().Count() < 2
                ? new SvmSolution(new double[y.Length], y, y[0] == 1 ? -1 : 1, 0, true)
                : SmoSolver.Solve(gram, y, _c, _tolerance));
        }

        var support = Enumerable.Range(0, train.SampleCount).Where(i => solutions.Any(s => s.Alphas[i] > 0)).ToArray();
        var vectors = new double[support.Length * _features];
        var coefficients = new double[solutions.Count * support.Length];
        for (var s = 0; s < support.Length; s++)
        {
            train.Row(support[s]).CopyTo(vectors.AsSpan(s * _features, _features));
            for (var m = 0; m < solutions.Count; m++)
            {
                coefficients[(m * support.Length) + s] = solutions[m].Alphas[support[s]] * solutions[m].Labels[support[s]];
            }
        }

        Solutions = solutions;
        _trainFeatures = (double[])train.Features.Clone();
        _trainGram = gram;
        _machine.Fitted = new FittedSvm(kernel, hyperparameters, vectors, support.Length, coefficients, [.. solutions.Select(s => -s.Rho)]);
    }

    public IReadOnlyDictionary<string, SafeTensor> FittedState()
    {
        var f = _machine.Fitted ?? throw new InvalidOperationException($"model '{_name}' has not been fitted.");
        return new Dictionary<string, SafeTensor>(StringComparer.Ordinal)
        {
            ["support_vectors"] = new([f.SupportCount, _features], f.SupportVectors),
            ["dual_coef"] = new([f.Intercepts.Length, f.SupportCount], f.DualCoefficients),
            ["intercept"] = new([f.Intercepts.Length], f.Intercepts),
            ["kernel"] = new([f.Hyperparameters.Length], f.Hyperparameters),
        };
    }

    public void LoadFittedState(IReadOnlyDictionary<string, SafeTensor> tensors, string source)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var machines = _classes == 2 ? 1 : _classes;
        var vectors = Require(tensors, "support_vectors", source);
        if (vectors.Shape.Length != 2 || vectors.Shape[1] != _features)
        {
            throw new CheckpointException($"{source}: tensor 'support_vectors' has shape [{string.Join(", ", vectors.Shape)}]; the model expects [s, {_features}].");
        }

        var s = vectors.Shape[0];
        var coefficients = RequireShape(tensors, "dual_coef", source, [machines, s]);
        var intercepts = RequireShape(tensors, "intercept", source, [machines]);
        var kernel = Require(tensors, "kernel", source);
        var unknown = tensors.Keys.FirstOrDefault(k => k is not ("support_vectors" or "dual_coef" or "intercept" or "kernel"));
        if (unknown is not null)
        {
            throw new CheckpointException($"{source}: tensor '{unknown}' does not belong to model '{_name}'.");
        }

        _machine.Fitted = new FittedSvm(_recipe.Build(kernel.Values), kernel.Values, vectors.Values, s, coefficients.Values, intercepts.Values);
    }

    public void ExportKernels(string directory, Dataset test)
    {
        ArgumentNullException.ThrowIfNull(test);
        var f = _machine.Fitted;
        if (f is null || _trainFeatures is null || _trainGram is null)
        {
            throw new InvalidOperationException($"model '{_name}': fit it before exporting its kernels.");
        }

        Directory.CreateDirectory(directory);
        QuantumKernelSvm.WriteCsv(Path.Combine(directory, "train_kernel.csv"), _trainGram);
        QuantumKernelSvm.WriteCsv(Path.Combine(directory, "test_kernel.csv"), f.Kernel.Matrix(test.Features, _trainFeatures));
    }

    /// <summary>The mean hinge loss over samples and machines, from the decision values the logits encode.</summary>
    public override Tensor Loss(Tensor output, DatasetBatch batch)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(batch);
        var labels = batch.Labels ?? throw new QmlException($"model '{_name}' is a classifier but the batch has no labels.");
        var data = output.Data;
        var width = output.Dim(1);
        var total = 0.0;
        var terms = 0;
        for (var r = 0; r < batch.Size; r++)
        {
            if (width == 2)
            {
                var f = data[(r * 2) + 1] - data[r * 2];
                total += Math.Max(0, 1 - ((labels[r] == 1 ? 1 : -1) * f));
                terms++;
                continue;
            }

            for (var k = 0; k < width; k++)
            {
                total += Math.Max(0, 1 - ((labels[r] == k ? 1 : -1) * data[(r * width) + k]));
                terms++;
            }
        }

        return Tensor.Scalar(total / Math.Max(1, terms));
    }

    private static SafeTensor Require(IReadOnlyDictionary<string, SafeTensor> tensors, string name, string source) =>
        tensors.TryGetValue(name, out var t) ? t : throw new CheckpointException($"{source}: tensor '{name}' is missing (the file has {string.Join(", ", tensors.Keys.Order(StringComparer.Ordinal))}).");

    private static SafeTensor RequireShape(IReadOnlyDictionary<string, SafeTensor> tensors, string name, string source, int[] shape)
    {
        var t = Require(tensors, name, source);
        return t.Shape.AsSpan().SequenceEqual(shape)
            ? t
            : throw new CheckpointException($"{source}: tensor '{name}' has shape [{string.Join(", ", t.Shape)}]; the model expects [{string.Join(", ", shape)}].");
    }
}

/// <summary>A fitted SVM: the kernel, its saved hyperparameters, the support vectors (row-major), α_i y_i per machine and the intercepts.</summary>
internal sealed record FittedSvm(IKernel Kernel, double[] Hyperparameters, double[] SupportVectors, int SupportCount, double[] DualCoefficients, double[] Intercepts);

/// <summary>The network of <see cref="KernelSvmModel"/>: kernel rows against the support vectors, then decision values as logits. No parameters; not differentiable.</summary>
internal sealed class KernelMachine(string name, int classes) : Module
{
    public FittedSvm? Fitted { get; set; }

    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var f = Fitted ?? throw new QmlException($"model '{name}' has not been fitted; train it (qml train) or load a checkpoint.");
        var rows = input.Dim(0);
        var machines = f.Intercepts.Length;
        var decisions = new double[rows * machines];
        if (f.SupportCount > 0)
        {
            var k = f.Kernel.Matrix(input.ToArray(), f.SupportVectors);
            for (var r = 0; r < rows; r++)
            {
                for (var m = 0; m < machines; m++)
                {
                    var sum = 0.0;
                    for (var s = 0; s < f.SupportCount; s++)
                    {
                        sum += f.DualCoefficients[(m * f.SupportCount) + s] * k[r, s];
                    }

                    decisions[(r * machines) + m] = sum;
                }
            }
        }

        for (var r = 0; r < rows; r++)
        {
            for (var m = 0; m < machines; m++)
            {
                decisions[(r * machines) + m] += f.Intercepts[m];
            }
        }

        if (classes > 2)
        {
            return Tensor.Wrap(decisions, rows, machines);
        }

        var logits = new double[rows * 2];
        for (var r = 0; r < rows; r++)
        {
            logits[r * 2] = -decisions[r] / 2;
            logits[(r * 2) + 1] = decisions[r] / 2;
        }

        return Tensor.Wrap(logits, rows, 2);
    }
}
