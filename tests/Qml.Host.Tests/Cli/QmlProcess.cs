using System.Diagnostics;
using Qml.Host.Tests.Plugins;

namespace Qml.Host.Tests.Cli;

/// <summary>Runs the built <c>qml</c> executable as a child process, the way a user does.</summary>
internal static class QmlProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static string HostAssembly { get; } = Path.GetFullPath(Path.Combine(Fixtures.HostPluginsRoot, "..", "qml.dll"));

    public static QmlOutcome Run(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        Assert.That(File.Exists(HostAssembly), Is.True, $"{HostAssembly} is missing: building tests/Qml.Host.Tests builds the host.");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(HostAssembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("QML_PLUGINS");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"qml {string.Join(' ', arguments)} did not finish within {Timeout}.");
        }

        return new QmlOutcome(process.ExitCode, stdout.Result, stderr.Result);
    }

    public static QmlOutcome Run(params string[] arguments) => Run(null, arguments);
}

/// <summary>Exit code and output of one <c>qml</c> run.</summary>
internal sealed record QmlOutcome(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}
