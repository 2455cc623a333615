using System.Globalization;
using Qml.Abstractions;
using Qml.Abstractions.Execution;
using Qml.Learning.Data;
using Qml.Learning.Models;

namespace Qml.Models.Classifiers.Kernels;

/// <summary>
/// Creates the quantum kernel SVM (<c>--model qsvm</c>): the ZZ fidelity kernel of Havlíček et al.
/// on <c>--backend</c> (statevector inner products, or compute–uncompute with shots), then SMO.
/// Fitted once by <c>qml train</c>; <c>--kernel-csv DIR</c> exports the train and test kernels.
/// </summary>
public sealed class QsvmModelFactory : IModelFactory
{
    internal const string ModelName = "qsvm";
    internal const string Version = "1.0.0";

    internal static readonly ModelOptionInfo C = new("c", "SVM regularisation C (box constraint on the dual coefficients)", "1");
    internal static readonly ModelOptionInfo Tolerance = new("tolerance", "SMO stopping tolerance on the maximal KKT violation", "0.001");
    internal static readonly ModelOptionInfo Kernel = new("kernel", "statevector (exact inner products; needs a state-access backend) or shots (compute–uncompute circuits)", "statevector");
    internal static readonly ModelOptionInfo Shots = new("shots", "shots per kernel entry with kernel=shots", "1024");
    internal static readonly ModelOptionInfo Reps = new("reps", "repetitions of the ZZ feature map", "2");
    internal static readonly ModelOptionInfo Scale = new("scale", "features enter the map as scale·x + offset", "1.570796");
    internal static readonly ModelOptionInfo Offset = new("offset", "features enter the map as scale·x + offset (defaults map [−1, 1] to [0, π]; use scale=1 offset=0 with --scaling none for the ad hoc data)", "1.570796");

    public string Name => ModelName;

    public ModelDescriptor Describe() => new(
        ModelName,
        "quantum kernel SVM (Havlíček et al.): ZZ feature-map fidelity kernel |⟨φ(x′)|φ(x)⟩|², statevector or compute–uncompute with shots, SMO solver; fitted in one shot",
        ModelTask.Classification,
        [C, Tolerance, Kernel, Shots, Reps, Scale, Offset],
        "adhoc");

    public IModel Create(ModelOptions options, ModelContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        options.RequireKnown(ModelName, Describe().Options);
        var kind = options.GetChoice(Kernel.Name, "statevector", "statevector", "shots");
        var shots = kind == "shots" ? options.GetInt(Shots.Name, 1024, 1, 10_000_000) : 0;
        if (kind == "statevector" && !context.Backend.Info.Capabilities.StateAccess)
        {
            throw new QmlException($"model 'qsvm': kernel=statevector needs a backend with state access; '{context.Backend.Info.Name}' has none. Use -m kernel=shots.");
        }

        var recipe = new FidelityRecipe(
            context.Backend, context.InputFeatures, options.GetInt(Reps.Name, 2, 1, 16), options.GetDouble(Scale.Name, Math.PI / 2, 0, 100),
            options.GetDouble(Offset.Name, Math.PI / 2, -100, 100), shots, unchecked((ulong)context.Seed));
        return new KernelSvmModel(
            ModelName, Version, recipe, options.GetDouble(C.Name, 1, 1e-9, 1e9), options.GetDouble(Tolerance.Name, 1e-3, 1e-12, 1), options, context);
    }

    private sealed class FidelityRecipe(IBackend backend, int features, int reps, double scale, double offset, int shots, ulong seed) : IKernelRecipe
    {
        public (IKernel Kernel, double[] Hyperparameters) Fit(Dataset train) => (Build([]), []);

        public IKernel Build(double[] hyperparameters) => new FidelityKernel(backend, features, reps, scale, offset, shots, seed);
    }
}

/// <summary>
/// Creates the classical RBF-kernel SVM (<c>--model rbf-svm</c>), the same SMO solver and one-shot
/// fit as <c>qsvm</c> on K = exp(−γ‖x − x′‖²); gamma=scale (default) is 1/(features · variance of
/// the training features), as in scikit-learn.
/// </summary>
public sealed class RbfSvmModelFactory : IModelFactory
{
    internal const string ModelName = "rbf-svm";
    internal const string Version = "1.0.0";

    internal static readonly ModelOptionInfo Gamma = new("gamma", "kernel width γ, or scale = 1/(features · variance of the training features)", "scale");

    public string Name => ModelName;

    public ModelDescriptor Describe() => new(
        ModelName,
        "classical baseline: RBF-kernel SVM exp(−γ‖x − x′‖²), SMO solver; fitted in one shot",
        ModelTask.Classification,
        [QsvmModelFactory.C, QsvmModelFactory.Tolerance, Gamma],
        "moons");

    public IModel Create(ModelOptions options, ModelContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        options.RequireKnown(ModelName, Describe().Options);
        var text = options.GetString(Gamma.Name, "scale");
        double? gamma = null;
        if (!string.Equals(text, "scale", StringComparison.OrdinalIgnoreCase))
        {
            gamma = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var g) && g > 0 && double.IsFinite(g)
                ? g
                : throw new QmlException($"model 'rbf-svm': gamma={text} is invalid; expected 'scale' or a positive number.");
        }

        return new KernelSvmModel(
            ModelName, Version, new RbfRecipe(context.InputFeatures, gamma), options.GetDouble(QsvmModelFactory.C.Name, 1, 1e-9, 1e9),
            options.GetDouble(QsvmModelFactory.Tolerance.Name, 1e-3, 1e-12, 1), options, context);
    }

    private sealed class RbfRecipe(int features, double? gamma) : IKernelRecipe
    {
        public (IKernel Kernel, double[] Hyperparameters) Fit(Dataset train)
        {
            var g = gamma ?? RbfKernel.ScaleGamma(train.Features, features);
            return (new RbfKernel(features, g), [g]);
        }

        public IKernel Build(double[] hyperparameters) =>
            hyperparameters.Length == 1 && hyperparameters[0] > 0
                ? new RbfKernel(features, hyperparameters[0])
                : throw new Qml.Learning.Checkpoints.CheckpointException($"rbf-svm: the saved kernel tensor must hold one positive gamma; it holds [{string.Join(", ", hyperparameters)}].");
    }
}
