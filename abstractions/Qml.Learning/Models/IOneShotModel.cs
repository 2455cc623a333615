using Qml.Learning.Checkpoints;
using Qml.Learning.Data;

namespace Qml.Learning.Models;

/// <summary>
/// A model fitted on the whole training set in one call instead of epochs of gradient steps
/// (kernel machines: the Gram matrix, then a dual solver). <see cref="Training.Trainer"/> calls
/// <see cref="Fit"/> once, records it as epoch 1 and saves <see cref="FittedState"/> as the
/// checkpoint's weights; eval and predict restore it with <see cref="LoadFittedState"/>. Its
/// state (e.g. the support vectors) has a size known only after fitting, which is why it is not
/// held in parameters or buffers of fixed shape.
/// </summary>
public interface IOneShotModel : IModel
{
    /// <summary>Fits on every sample of <paramref name="train"/>; afterwards <see cref="IModel.Network"/> predicts with the fit.</summary>
    /// <exception cref="Qml.Abstractions.QmlException">The data does not suit the model.</exception>
    void Fit(Dataset train, CancellationToken cancellationToken = default);

    /// <summary>The number of fitted coefficients (dual coefficients and intercepts), reported as the model's parameter count.</summary>
    int FittedParameterCount { get; }

    /// <summary>The fitted state by name, as stored in <c>weights.safetensors</c>.</summary>
    /// <exception cref="InvalidOperationException">The model has not been fitted.</exception>
    IReadOnlyDictionary<string, SafeTensor> FittedState();

    /// <summary>Restores a state written by <see cref="FittedState"/>.</summary>
    /// <exception cref="CheckpointException">A tensor is missing or has the wrong shape; the message names <paramref name="source"/> and the tensor.</exception>
    void LoadFittedState(IReadOnlyDictionary<string, SafeTensor> tensors, string source);
}

/// <summary>A one-shot model whose fit is a kernel matrix; it can export it (<c>qml train --kernel-csv DIR</c>).</summary>
public interface IKernelModel : IOneShotModel
{
    /// <summary>
    /// Writes <c>train_kernel.csv</c> (the n×n training Gram matrix of the last fit) and
    /// <c>test_kernel.csv</c> (<paramref name="test"/> rows × training rows) into <paramref name="directory"/>.
    /// </summary>
    void ExportKernels(string directory, Dataset test);
}
