using System.CommandLine;
using System.Globalization;
using Qml.Abstractions.Execution;

namespace Qml.Host.Cli.Commands;

/// <summary><c>qml backends</c>: every registered backend and its declared capabilities.</summary>
internal static class BackendsCommand
{
    public static Command Create()
    {
        var command = new Command("backends", "List backends with their capabilities and options.");
        CommandAction.Set(command, (parseResult, _) =>
        {
            using var session = HostSession.Open(parseResult);
            var descriptors = session.BackendFactories.Select(f => f.Describe()).ToList();
            if (parseResult.GetValue(GlobalOptions.Format) == OutputFormat.Json)
            {
                JsonOutput.Write(descriptors.Select(BackendJson.From).ToList());
                return Task.FromResult(ExitCodes.Success);
            }

            if (descriptors.Count == 0)
            {
                Console.WriteLine($"No backends registered by the plugins in {session.Host.PluginDirectory}.");
                return Task.FromResult(ExitCodes.Success);
            }

            var table = new TableWriter("NAME", "AVAILABLE", "MAX QUBITS", "PRECISION", "EXACT", "SAMPLING", "STATE", "GRADIENTS", "MID-CIRCUIT", "REMOTE");
            foreach (var d in descriptors)
            {
                var c = d.Capabilities;
                table.Add(
                    d.Name,
                    d.IsAvailable ? "yes" : "no",
                    c.MaxQubits.ToString(CultureInfo.InvariantCulture),
                    c.Precision.ToString().ToLowerInvariant(),
                    YesNo(c.ExactExpectations),
                    YesNo(c.Sampling),
                    YesNo(c.StateAccess),
                    string.Join(",", GradientMethodNames.Of(c.GradientMethods)),
                    YesNo(c.MidCircuitMeasurement),
                    YesNo(c.Remote));
            }

            Console.Write(table);
            foreach (var d in descriptors)
            {
                Console.WriteLine();
                Console.WriteLine($"{d.Name}: {d.Description}");
                if (!d.IsAvailable)
                {
                    Console.WriteLine($"  unavailable: {d.UnavailableReason}");
                }

                Console.WriteLine($"  native gates: {d.Capabilities.NativeGates}");
                foreach (var option in d.Options)
                {
                    Console.WriteLine($"  -o {option.Name}=<value>  {option.Description} (default {option.DefaultValue})");
                }
            }

            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static string YesNo(bool value) => value ? "yes" : "no";

    private sealed record CapabilitiesJson(
        int MaxQubits,
        string Precision,
        bool ExactExpectations,
        bool Probabilities,
        bool Sampling,
        bool StateAccess,
        bool MidCircuitMeasurement,
        IReadOnlyList<string> GradientMethods,
        bool Noise,
        bool Remote,
        IReadOnlyList<string> NativeGates,
        int MaxUnitaryQubits);

    private sealed record OptionJson(string Name, string Description, string DefaultValue);

    private sealed record BackendJson(string Name, string Description, bool Available, string? UnavailableReason, CapabilitiesJson Capabilities, IReadOnlyList<OptionJson> Options)
    {
        public static BackendJson From(BackendDescriptor d)
        {
            var c = d.Capabilities;
            var gradients = GradientMethodNames.Of(c.GradientMethods);
            var gates = c.NativeGates.Kinds.OrderBy(k => k).Select(k => Abstractions.Gates.GateDefinition.Of(k).Name).ToList();
            return new BackendJson(
                d.Name,
                d.Description,
                d.IsAvailable,
                d.UnavailableReason,
                new CapabilitiesJson(c.MaxQubits, c.Precision.ToString().ToLowerInvariant(), c.ExactExpectations, c.Probabilities, c.Sampling, c.StateAccess, c.MidCircuitMeasurement, gradients, c.Noise, c.Remote, gates, c.NativeGates.MaxUnitaryQubits),
                [.. d.Options.Select(o => new OptionJson(o.Name, o.Description, o.DefaultValue))]);
        }
    }
}
