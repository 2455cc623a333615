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

    public void AddTo(Command command)
    {
        command.Options.Add(Backend);
        command.Options.Add(BackendOptions);
        command.Options.Add(Device);
    }

    public string Name(ParseResult parseResult) => parseResult.GetValue(Backend) ?? "cpu";

    public BackendOptions Options(ParseResult parseResult)
    {
        var options = Abstractions.Execution.BackendOptions.Parse(parseResult.GetValue(BackendOptions) ?? []);
        return parseResult.GetValue(Device) is { } device
            ? options.With("device", device.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : options;
    }
}
