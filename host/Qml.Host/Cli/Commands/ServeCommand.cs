using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using Qml.Abstractions;
using Qml.Host.Serve;

namespace Qml.Host.Cli.Commands;

/// <summary>
/// <c>qml serve --backend B --listen 127.0.0.1:PORT --token-file F</c>: serves a loaded backend
/// through the sampler part of IBM's Qiskit Runtime REST API (docs/remote.md) until Ctrl-C.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var backend = new BackendSelection();
        var listenOption = new Option<string>("--listen")
        {
            Description = "Address and port to listen on, e.g. 127.0.0.1:8080 (port 0: any free port).",
            DefaultValueFactory = _ => "127.0.0.1:8080",
        };
        var tokenFileOption = new Option<string>("--token-file")
        {
            Description = "File holding the bearer token clients must send (the token is never taken from the command line).",
            Required = true,
        };
        var maxQueuedOption = new Option<int>("--max-queued") { Description = "Jobs waiting to run before submits get 429.", DefaultValueFactory = _ => 64 };
        var concurrencyOption = new Option<int>("--max-concurrent-jobs", "--concurrency") { Description = "Jobs run at the same time.", DefaultValueFactory = _ => 1 };
        var stateDirOption = new Option<string>("--state-dir")
        {
            Description = "Directory of the job records (one JSON file per job); a restarted server answers for the jobs recorded there.",
            DefaultValueFactory = _ => DefaultStateDirectory,
        };
        var maxBytesOption = new Option<long>("--max-request-bytes") { Description = "Largest request body (413 beyond).", DefaultValueFactory = _ => 4L * 1024 * 1024 };
        var maxQubitsOption = new Option<int>("--max-qubits") { Description = "Widest circuit accepted.", DefaultValueFactory = _ => 24 };
        var maxShotsOption = new Option<int>("--max-shots") { Description = "Most shots per PUB row.", DefaultValueFactory = _ => 1_000_000 };
        var retentionOption = new Option<string>("--job-retention")
        {
            Description = "How long finished jobs and their idempotency keys are kept (e.g. 7d, 12h, 30m, 90s; 'forever' keeps them).",
            DefaultValueFactory = _ => "7d",
        };

        var command = new Command("serve", "Serve a backend over the Qiskit Runtime sampler REST API (POST /api/v1/jobs, bearer token).");
        backend.AddTo(command);
        foreach (var option in new Option[] { listenOption, tokenFileOption, stateDirOption, maxQueuedOption, concurrencyOption, maxBytesOption, maxQubitsOption, maxShotsOption, retentionOption })
        {
            command.Options.Add(option);
        }

        CommandAction.Set(command, async (parseResult, cancellationToken) =>
        {
            var endpoint = ParseListen(parseResult.GetValue(listenOption)!);
            var token = ReadToken(parseResult.GetValue(tokenFileOption)!);
            var options = new ServeOptions
            {
                MaxQueuedJobs = Positive(parseResult.GetValue(maxQueuedOption), "--max-queued"),
                MaxConcurrentJobs = Positive(parseResult.GetValue(concurrencyOption), "--max-concurrent-jobs"),
                MaxRequestBytes = Positive(parseResult.GetValue(maxBytesOption), "--max-request-bytes"),
                MaxQubits = Positive(parseResult.GetValue(maxQubitsOption), "--max-qubits"),
                MaxShots = Positive(parseResult.GetValue(maxShotsOption), "--max-shots"),
                StateDirectory = parseResult.GetValue(stateDirOption) is { Length: > 0 } stateDir ? stateDir : throw new QmlException("--state-dir must name a directory."),
                JobRetention = ParseRetention(parseResult.GetValue(retentionOption)!),
            };
            using var session = HostSession.Open(parseResult);
            using var served = session.CreateBackend(backend.Name(parseResult), backend.Options(parseResult));
            await using var server = SamplerServer.Create(served, endpoint, token, options, line => Console.Error.WriteLine(line));
            // Ctrl-C and SIGTERM stop the server gracefully (running jobs are recorded as
            // interrupted, queued ones stay queued for the next start).
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            void OnSignal(PosixSignalContext context)
            {
                context.Cancel = true;
                try
                {
                    stop.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // The handler runs on its own thread: a signal delivered while the command
                    // returns (System.CommandLine also cancels on Ctrl-C) finds the server stopped.
                }
            }

            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
            await server.StartAsync(stop.Token).ConfigureAwait(false);
            Console.WriteLine($"serving backend '{served.Info.Name}' on {server.Address} (POST /api/v1/jobs), job records in {server.StateDirectory}; Ctrl-C stops");
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            await server.StopAsync().ConfigureAwait(false);
            Console.WriteLine("stopped");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Job records go under the working directory unless <c>--state-dir</c> says otherwise.</summary>
    internal const string DefaultStateDirectory = "qml-serve-state";

    /// <summary>Reads <c>--job-retention</c>: a positive count with the unit d, h, m or s, or <c>forever</c> (null).</summary>
    internal static TimeSpan? ParseRetention(string text)
    {
        var trimmed = text.Trim();
        if (string.Equals(trimmed, "forever", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (trimmed.Length >= 2
            && double.TryParse(trimmed.AsSpan(0, trimmed.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var count)
            && count > 0 && double.IsFinite(count))
        {
            TimeSpan? span = char.ToLowerInvariant(trimmed[^1]) switch
            {
                'd' => TimeSpan.FromDays(count),
                'h' => TimeSpan.FromHours(count),
                'm' => TimeSpan.FromMinutes(count),
                's' => TimeSpan.FromSeconds(count),
                _ => null,
            };
            if (span is { } value && value >= TimeSpan.FromSeconds(1))
            {
                return value;
            }
        }

        throw new QmlException($"--job-retention '{text}' is not a duration of at least 1 s; use a number with d, h, m or s (e.g. 7d, 12h, 30m, 90s) or 'forever'.");
    }

    internal static IPEndPoint ParseListen(string text) =>
        IPEndPoint.TryParse(text, out var endpoint) && text.Contains(':', StringComparison.Ordinal)
            ? endpoint
            : throw new QmlException($"--listen '{text}' is not ADDRESS:PORT (e.g. 127.0.0.1:8080 or [::1]:8080).");

    internal static string ReadToken(string path)
    {
        string token;
        try
        {
            token = File.ReadAllText(path).Trim();
        }
        catch (IOException e)
        {
            throw new QmlException($"cannot read --token-file {path}: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new QmlException($"cannot read --token-file {path}: {e.Message}");
        }

        return token.Length > 0 ? token : throw new QmlException($"--token-file {path} is empty.");
    }

    private static T Positive<T>(T value, string name)
        where T : System.Numerics.INumber<T> =>
        value > T.Zero ? value : throw new QmlException($"{name} {value.ToString(null, CultureInfo.InvariantCulture)} must be positive.");
}
