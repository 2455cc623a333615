namespace Qml.Learning.Models;

/// <summary>
/// Creates one kind of model by name (<c>qml train --model NAME</c>). Plugins register factories
/// in <c>ConfigureServices</c> with <see cref="ModelServiceCollectionExtensions.AddModelFactory{TFactory}"/>;
/// the host lists them as kind "model".
/// </summary>
public interface IModelFactory
{
    /// <summary>The name users type; also the model id recorded in checkpoints.</summary>
    string Name { get; }

    /// <summary>The model's task, options and description, without building it.</summary>
    ModelDescriptor Describe();

    /// <summary>
    /// Builds an untrained model. The same options and context (seed included) must build the same
    /// initial weights, and the same parameter names and shapes, so checkpoints load back into it.
    /// </summary>
    /// <exception cref="Qml.Abstractions.QmlException">An option is unknown or invalid, or the data does not fit the model.</exception>
    IModel Create(ModelOptions options, ModelContext context);
}
