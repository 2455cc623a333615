using System.CommandLine;
using Qml.Abstractions.Execution;

namespace Qml.Host.Cli;

/// <summary>The <c>--backend</c> and <c>--backend-option</c> pair shared by commands that run circuits.</summary>
internal sealed class BackendSelection
{
    public Option<string> Backend { get; } = new("--backend", "-b")
    {
        Description = "Backend to run on (see `qml backends`).",
        DefaultValueFactory = _ => "cpu",
    };

    public Option<string[]> BackendOptions { get; } = new("--backend-option", "-o")
    {
        Description = "Backend setting as key=value, repeatable (e.g. -o threads=2).",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<int?> Device { get; } = new("--device")
    {
        Description = "Device index for backends with several devices (OpenCL; see `qml backends`): the same as -o device=N.",
    };

    public Option<int?> MaxBond { get; } = new("--max-bond")
    {
        Description = "Bond dimension cap of tensor-network backends (mps): the same as -o max-bond=N.",
    };

    public Option<double?> Cutoff { get; } = new("--cutoff")
    {
        Description = "Discarded-weight cutoff of each truncated SVD (mps): the same as -o cutoff=EPS.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Backend);
        command.Options.Add(BackendOptions);
        command.Options.Add(Device);
        command.Options.Add(MaxBond);
        command.Options.Add(Cutoff);
    }

    public string Name(ParseResult parseResult) => parseResult.GetValue(Backend) ?? "cpu";

    public BackendOptions Options(ParseResult parseResult)
    {
        // The flags are shorthands for backend options; the backend validates them like any other.
        var options = Abstractions.Execution.BackendOptions.Parse(parseResult.GetValue(BackendOptions) ?? []);
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        if (parseResult.GetValue(Device) is { } device)
        {
            options = options.With("device", device.ToString(culture));
        }

        if (parseResult.GetValue(MaxBond) is { } maxBond)
        {
            options = options.With("max-bond", maxBond.ToString(culture));
        }

        if (parseResult.GetValue(Cutoff) is { } cutoff)
        {
            options = options.With("cutoff", cutoff.ToString("R", culture));
        }

        return options;
    }
}
