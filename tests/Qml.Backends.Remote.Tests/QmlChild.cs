using System.Diagnostics;
using System.Text;

namespace Qml.Backends.Remote.Tests;

/// <summary>The built <c>qml</c> host (host/Qml.Host/bin/CONFIG/net10.0/qml.dll) run as a child process.</summary>
internal sealed class QmlChild : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();

    private QmlChild(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static string HostAssembly
    {
        get
        {
            // The test runs from tests/Qml.Backends.Remote.Tests/bin/CONFIG/net10.0; the host
            // (which this project references, so it is built) lives beside it in the tree.
            var testDirectory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
            var configuration = testDirectory.Parent!.Name;
            var root = testDirectory;
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "Plugins.sln")))
            {
                root = root.Parent;
            }

            Assert.That(root, Is.Not.Null, "the repository root (Plugins.sln) above the test directory");
            var host = Path.Combine(root!.FullName, "host", "Qml.Host", "bin", configuration, "net10.0", "qml.dll");
            Assert.That(File.Exists(host), Is.True, $"{host} is built with this test project");
            return host;
        }
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string StandardOutput
    {
        get
        {
            lock (_gate)
            {
                return _stdout.ToString();
            }
        }
    }

    public string StandardError
    {
        get
        {
            lock (_gate)
            {
                return _stderr.ToString();
            }
        }
    }

    public static QmlChild Start(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
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

        return new QmlChild(Process.Start(start)!);
    }

    /// <summary>Waits (bounded) until standard output holds a line matching <paramref name="pattern"/>; returns the match.</summary>
    public async Task<System.Text.RegularExpressions.Match> WaitForOutputAsync(string pattern, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            var match = System.Text.RegularExpressions.Regex.Match(StandardOutput, pattern);
            if (match.Success)
            {
                return match;
            }

            if (_process.HasExited)
            {
                break;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"qml printed no line matching /{pattern}/ within {timeout}.\n{this}");
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>Sends SIGINT, as Ctrl-C in a terminal does.</summary>
    public void Interrupt()
    {
        using var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Kills the process at once (no shutdown code runs), as a crash would.</summary>
    public void Crash()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            _process.WaitForExit();
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public override string ToString() => $"stdout:\n{StandardOutput}\nstderr:\n{StandardError}";

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            target.AppendLine(line);
        }
    }
}
