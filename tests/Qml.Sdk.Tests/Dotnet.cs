using System.Diagnostics;

namespace Qml.Sdk.Tests;

/// <summary>Runs the dotnet CLI (or the built host through it) as a child process.</summary>
internal static class Dotnet
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    /// <summary>Runs and returns the outcome; never throws for a non-zero exit.</summary>
    public static Outcome Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The child must not inherit the test host's MSBuild state or a plugin folder override.
        foreach (var key in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "QML_PLUGINS" })
        {
            start.Environment.Remove(key);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(' ', arguments)} did not finish within {Timeout}.");
        }

        return new Outcome(string.Join(' ', arguments), process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs and fails the test with the full output unless it exits with 0.</summary>
    public static Outcome Succeed(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var outcome = Run(workingDirectory, environment, arguments);
        Assert.That(outcome.ExitCode, Is.Zero, outcome.ToString());
        return outcome;
    }
}

/// <summary>Exit code and output of one child process.</summary>
internal sealed record Outcome(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"dotnet {Command}: exit {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}
