using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Qml.Abstractions;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Host.Cli;
using Qml.Host.Serve;

namespace Qml.Host.Bench;

/// <summary>One client concurrency: jobs per second and latency of small circuits through loopback.</summary>
internal sealed record RemoteBenchmarkRow(
    int Clients,
    int Jobs,
    int ServerConcurrency,
    double JobsPerSecond,
    double P50Milliseconds,
    double P95Milliseconds,
    double LocalP50Milliseconds,
    double P50OverLocal);

/// <summary>
/// <c>qml bench remote</c>: starts <c>qml serve</c> in-process on loopback (job records on disk
/// in a temporary directory) in front of the chosen backend, and runs small sampling jobs through
/// <c>--backend remote</c> from 1..C concurrent callers: jobs per second, p50 and p95 latency from
/// submit to results, and the same circuit run directly on the backend in the same process.
/// </summary>
internal static class RemoteBenchmark
{
    public static Command Create()
    {
        var backend = new BackendSelection();
        var clientsOption = new Option<int[]>("--clients")
        {
            Description = "Concurrent callers (repeatable or comma-separated).",
            DefaultValueFactory = _ => [1, 4],
            CustomParser = r => [.. r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries)).Select(v => int.Parse(v, CultureInfo.InvariantCulture))],
            AllowMultipleArgumentsPerToken = true,
        };
        var jobsOption = new Option<int>("--jobs") { Description = "Timed jobs per concurrency.", DefaultValueFactory = _ => 100 };
        var qubitsOption = new Option<int>("--qubits", "-n") { Description = "Qubits of the GHZ circuit.", DefaultValueFactory = _ => 4 };
        var shotsOption = new Option<int>("--shots") { Description = "Shots per job.", DefaultValueFactory = _ => 100 };
        var concurrencyOption = new Option<int>("--max-concurrent-jobs") { Description = "Jobs the server runs at once.", DefaultValueFactory = _ => 2 };
        var pollOption = new Option<int>("--poll-ms") { Description = "The client's first status-poll delay (-o poll-ms).", DefaultValueFactory = _ => 25 };

        var command = new Command("remote", "Benchmark jobs/s and latency (p50, p95) of small circuits through qml serve on loopback.");
        backend.AddTo(command);
        foreach (var option in new Option[] { clientsOption, jobsOption, qubitsOption, shotsOption, concurrencyOption, pollOption })
        {
            command.Options.Add(option);
        }

        CommandAction.Set(command, async (parseResult, cancellationToken) =>
        {
            int jobs = parseResult.GetValue(jobsOption), qubits = parseResult.GetValue(qubitsOption), shots = parseResult.GetValue(shotsOption);
            int serverConcurrency = parseResult.GetValue(concurrencyOption), poll = parseResult.GetValue(pollOption);
            var clients = parseResult.GetValue(clientsOption)!;
            if (jobs < 1 || qubits < 1 || shots < 1 || serverConcurrency < 1 || poll < 1 || clients.Any(c => c < 1))
            {
                throw new QmlException($"--jobs {jobs}, --qubits {qubits}, --shots {shots}, --max-concurrent-jobs {serverConcurrency}, --poll-ms {poll} and --clients must all be at least 1.");
            }

            using var session = HostSession.Open(parseResult);
            using var served = session.CreateBackend(backend.Name(parseResult), backend.Options(parseResult));
            var rows = await RunAsync(session, served, clients, jobs, qubits, shots, serverConcurrency, poll, cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(GlobalOptions.Format) == OutputFormat.Json)
            {
                JsonOutput.Write(rows);
                return ExitCodes.Success;
            }

            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"GHZ on {qubits} qubits, {shots} shots per job, backend '{served.Info.Name}' behind qml serve on loopback ({serverConcurrency} concurrent jobs, records on disk); client poll from {poll} ms; {Environment.ProcessorCount} cores"));
            Console.WriteLine("CLIENTS  JOBS  JOBS/S   P50 MS   P95 MS  LOCAL P50 MS  P50 / LOCAL");
            foreach (var row in rows)
            {
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{row.Clients,7}  {row.Jobs,4}  {row.JobsPerSecond,6:F1}  {row.P50Milliseconds,7:F2}  {row.P95Milliseconds,7:F2}  {row.LocalP50Milliseconds,12:F3}  {row.P50OverLocal,11:F0}"));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<List<RemoteBenchmarkRow>> RunAsync(
        HostSession session, IBackend served, int[] clients, int jobs, int qubits, int shots, int serverConcurrency, int poll, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("qml-bench-remote-").FullName;
        try
        {
            var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
            var tokenFile = Path.Combine(folder, "token.txt");
            await File.WriteAllTextAsync(tokenFile, token, cancellationToken).ConfigureAwait(false);
            var options = new ServeOptions { StateDirectory = Path.Combine(folder, "state"), MaxConcurrentJobs = serverConcurrency, MaxQueuedJobs = 4096 };
            await using var server = SamplerServer.Create(served, new IPEndPoint(IPAddress.Loopback, 0), token, options);
            await server.StartAsync(cancellationToken).ConfigureAwait(false);
            using var remote = session.CreateBackend("remote", BackendOptions.Parse(
                [$"url={server.Address}", $"token-file={tokenFile}", $"backend={served.Info.Name}", "rate-limit=0", $"poll-ms={poll}"]));

            var builder = new CircuitBuilder(qubits);
            builder.H(0);
            for (var q = 1; q < qubits; q++)
            {
                builder.CX(q - 1, q);
            }

            var request = new ExecutionRequest { Circuit = builder.Build(), Outputs = ResultKinds.Samples, Shots = shots, Seed = 1 };
            var local = await Latencies(served, request, 1, Math.Max(20, jobs), cancellationToken).ConfigureAwait(false);
            var localP50 = Percentile(local.Milliseconds, 0.5);

            // Warm-up: JIT, connections and the server's first jobs are not timed.
            await Latencies(remote, request, clients.Max(), clients.Max() * 3, cancellationToken).ConfigureAwait(false);
            var rows = new List<RemoteBenchmarkRow>();
            foreach (var concurrency in clients)
            {
                var (milliseconds, seconds) = await Latencies(remote, request, concurrency, jobs, cancellationToken).ConfigureAwait(false);
                var p50 = Percentile(milliseconds, 0.5);
                rows.Add(new RemoteBenchmarkRow(concurrency, jobs, serverConcurrency, jobs / seconds, p50, Percentile(milliseconds, 0.95), localP50, p50 / localP50));
            }

            return rows;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Runs <paramref name="jobs"/> requests from <paramref name="callers"/> concurrent loops: each latency, and the wall time.</summary>
    private static async Task<(List<double> Milliseconds, double Seconds)> Latencies(IBackend backend, ExecutionRequest request, int callers, int jobs, CancellationToken cancellationToken)
    {
        var latencies = new List<double>(jobs);
        var next = -1;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(
            async () =>
            {
                while (Interlocked.Increment(ref next) < jobs)
                {
                    var watch = Stopwatch.StartNew();
                    await backend.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
                    var elapsed = watch.Elapsed.TotalMilliseconds;
                    lock (latencies)
                    {
                        latencies.Add(elapsed);
                    }
                }
            },
            cancellationToken))).ConfigureAwait(false);
        return (latencies, wall.Elapsed.TotalSeconds);
    }

    private static double Percentile(List<double> values, double fraction)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(fraction * sorted.Count) - 1)];
    }
}
