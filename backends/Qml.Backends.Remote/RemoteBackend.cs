using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Qml.Abstractions;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Gates;
using Qml.Qasm;

namespace Qml.Backends.Remote;

/// <summary>
/// Runs requests on a remote sampler: each circuit is written as OpenQASM 3 (symbols as
/// <c>input float[64]</c>, bound per row through PUB parameter values), submitted once under an
/// idempotency key, polled with backoff, and the returned shots become samples, estimated
/// probabilities and estimated Z-basis expectations.
/// </summary>
public sealed class RemoteBackend : IBackend
{
    internal const string DescriptionText = "Remote sampler over the Qiskit Runtime REST API shape (OpenQASM 3): shots only, no exact expectations.";

    private readonly RemoteSettings _settings;
    private readonly SamplerClient _client;
    private readonly TokenBucket? _rateLimit;
    private bool _disposed;

    internal RemoteBackend(RemoteSettings settings, HttpMessageHandler? handler = null)
    {
        _settings = settings;
        _client = new SamplerClient(settings, handler);
        _rateLimit = TokenBucket.For(settings.Url, settings.RateLimit);
        Info = new BackendInfo(RemoteBackendFactory.BackendName, "1.0.0", DescriptionText, CreateCapabilities(settings.MaxQubits));
    }

    public BackendInfo Info { get; }

    /// <summary>HTTP requests sent so far, retries included.</summary>
    internal int HttpAttempts => _client.Attempts;

    internal SamplerClient Client => _client;

    internal static Capabilities CreateCapabilities(int maxQubits) => new()
    {
        MaxQubits = maxQubits,
        Precision = Precision.Double,
        ExactExpectations = false,
        Probabilities = true,
        Sampling = true,
        StateAccess = false,
        MidCircuitMeasurement = false,
        GradientMethods = GradientMethods.ParameterShift | GradientMethods.FiniteDifference,
        Remote = true,

        // OpenQASM has no exact form for unitaries on 2+ qubits: the validator decomposes them.
        NativeGates = new GateSet(Enum.GetValues<OperationKind>(), 1),
    };

    public async Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var clock = Stopwatch.StartNew();
        var prepared = RequestValidator.Prepare(request, Info);
        var outputs = prepared.Outputs;
        var probabilities = outputs.HasFlag(ResultKinds.Probabilities);
        var plan = outputs.HasFlag(ResultKinds.Expectations) ? MeasurementPlan.Create(prepared.Observables, prepared.Circuit.QubitCount) : null;

        // PUB 0 carries the requested samples (the circuit as given). Estimates need every qubit
        // read out, so they come from the circuit without its terminal measurements, one PUB per
        // measurement basis: the Z basis (probabilities and diagonal terms; the sample PUB itself
        // when the circuit measures nothing) and one rotated circuit per group of X/Y terms.
        var circuit = prepared.Circuit;
        var unmeasured = circuit.HasMeasurements ? circuit.WithOperations(circuit.Operations.Where(o => o.Kind != OperationKind.Measure)) : circuit;
        var estimateShots = prepared.Shots > 0 ? prepared.Shots : _settings.Shots;
        var pubs = new List<(Circuit Circuit, int Shots)>();
        var samplePub = -1;
        if (outputs.HasFlag(ResultKinds.Samples))
        {
            samplePub = pubs.Count;
            pubs.Add((circuit, prepared.Shots));
        }

        var basisCount = plan?.Bases.Count ?? 1;
        var basisPub = new int[basisCount];
        for (var b = 0; b < basisCount; b++)
        {
            basisPub[b] = -1;
            var needed = b == 0 ? probabilities || plan?.Reads(0) == true : true;
            if (!needed)
            {
                continue;
            }

            if (b == 0 && samplePub >= 0 && !circuit.HasMeasurements)
            {
                basisPub[b] = samplePub;
                continue;
            }

            basisPub[b] = pubs.Count;
            pubs.Add((plan is null ? unmeasured : plan.Rotated(unmeasured, b), estimateShots));
        }

        if (outputs.HasFlag(ResultKinds.State) || (pubs.Count == 0 && plan is null))
        {
            throw new BackendException(Info.Name, "the remote backend returns samples, probabilities and expectations only.");
        }

        var tables = new SampleTable[pubs.Count];
        var jobId = "(none: identity observables only)";
        var transpiled = new List<TranspiledCircuit>();
        if (pubs.Count > 0)
        {
            var body = JobBody(pubs, prepared.Bindings, prepared.Seed, transpiled);
            (jobId, var results) = await RunJobAsync(body, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < pubs.Count; i++)
            {
                tables[i] = ReadSamples(results, i, prepared.Rows, pubs[i].Shots);
            }
        }

        long shotsUsed = pubs.Sum(p => (long)p.Shots * prepared.Rows);
        return new ExecutionResult
        {
            Samples = samplePub >= 0 ? tables[samplePub] : null,
            Probabilities = probabilities ? CountEstimates.Probabilities(tables[basisPub[0]], prepared.ResolvedProbabilityQubits) : null,
            Expectations = plan?.Expectations([.. basisPub.Select(p => p >= 0 ? tables[p] : null)], prepared.Rows),
            Diagnostics = new ExecutionDiagnostics(Info.Name, clock.Elapsed, 1, shotsUsed)
            {
                Details = new Dictionary<string, string>(TranspileDetails(transpiled))
                {
                    ["url"] = _settings.Url.ToString(),
                    ["server-backend"] = _settings.ServerBackend,
                    ["job"] = jobId,
                },
            },
        };
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _client.Dispose();
        }
    }

    /// <summary>
    /// What the hardware target did to the PUBs sent (summed over them): gates sent (before any
    /// final measurements the routing adds), gates on two or more qubits, SWAPs, and the gates
    /// before the optimization pass when it ran. Empty without a target.
    /// </summary>
    private static IEnumerable<KeyValuePair<string, string>> TranspileDetails(List<TranspiledCircuit> transpiled)
    {
        if (transpiled.Count == 0)
        {
            yield break;
        }

        static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
        yield return new("transpiled-gates", Text(transpiled.Sum(t => (long)t.Counts.Gates)));
        yield return new("transpiled-two-qubit-gates", Text(transpiled.Sum(t => (long)t.Counts.MultiQubitGates)));
        yield return new("swaps", Text(transpiled.Sum(t => (long)t.Swaps)));
        if (transpiled.All(t => t.Unoptimized is not null))
        {
            yield return new("unoptimized-gates", Text(transpiled.Sum(t => (long)t.Unoptimized!.Gates)));
            yield return new("unoptimized-two-qubit-gates", Text(transpiled.Sum(t => (long)t.Unoptimized!.MultiQubitGates)));
        }
    }

    private JsonObject JobBody(List<(Circuit Circuit, int Shots)> pubs, BindingTable bindings, ulong seed, List<TranspiledCircuit> transpiled)
    {
        var array = new JsonArray();
        foreach (var (circuit, shots) in pubs)
        {
            string qasm;
            try
            {
                // Only a symbol's position reaches the server (its column in parameter_values), so
                // names are made safe for OpenQASM: a symbol called 'x' would clash with the gate.
                var sent = ForTarget(circuit, transpiled);
                var renamed = sent.Symbols.IsEmpty
                    ? sent
                    : new Circuit(sent.QubitCount, sent.ClassicalBitCount, sent.Symbols.Select((s, i) => s with { Name = $"p_{i}" }), sent.Operations, sent.GlobalPhase, sent.Name);
                qasm = QasmWriter.Write(renamed, QasmVersion.V3);
            }
            catch (QmlException e)
            {
                throw new BackendException(Info.Name, $"the circuit has no OpenQASM 3 form: {e.Message}", e);
            }

            array.Add(new JsonArray(qasm, ParameterValues(bindings, circuit.Symbols.Length), shots));
        }

        return new JsonObject
        {
            ["program_id"] = "sampler",
            ["backend"] = _settings.ServerBackend,
            ["params"] = new JsonObject
            {
                ["pubs"] = array,
                ["options"] = new JsonObject { ["simulator"] = new JsonObject { ["seed_simulator"] = seed } },
            },
        };
    }

    /// <summary>
    /// The circuit as the target device takes it: decomposed and routed. A routed circuit that
    /// measures nothing gets explicit measurements (logical qubit i into bit i, wherever routing
    /// left it), so the shots keep the logical order.
    /// </summary>
    private Circuit ForTarget(Circuit circuit, List<TranspiledCircuit> transpiledCircuits)
    {
        var target = _settings.Target;
        if (!target.IsActive)
        {
            return circuit;
        }

        TranspiledCircuit transpiled;
        try
        {
            transpiled = target.Transpile(circuit);
        }
        catch (QmlException e)
        {
            throw new BackendException(Info.Name, e.Message, e);
        }

        transpiledCircuits.Add(transpiled);
        var routed = transpiled.Circuit;
        if (target.Coupling is null || circuit.HasMeasurements)
        {
            return routed;
        }

        var measures = transpiled.Layout.Select((physical, logical) => Operation.Measure(physical, logical));
        return new Circuit(routed.QubitCount, circuit.QubitCount, routed.Symbols, [.. routed.Operations, .. measures], routed.GlobalPhase, routed.Name);
    }

    /// <summary>Null for one row without symbols, else one array of P values per row.</summary>
    private static JsonNode? ParameterValues(BindingTable bindings, int columns)
    {
        if (columns == 0 && bindings.Rows == 1)
        {
            return null;
        }

        var rows = new JsonArray();
        for (var row = 0; row < bindings.Rows; row++)
        {
            var values = new JsonArray();
            foreach (var value in bindings.Row(row))
            {
                values.Add(value);
            }

            rows.Add(values);
        }

        return rows;
    }

    private async Task<(string Id, JsonObject Results)> RunJobAsync(JsonObject body, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_settings.JobTimeout);
        var token = deadline.Token;
        // The submit is not abandoned when the caller cancels (the server may already have
        // accepted the job); once its id is known, a cancel reaches the server below.
        if (_rateLimit is not null)
        {
            try
            {
                await _rateLimit.AcquireAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new BackendException(Info.Name, $"the job waited for the rate limit of {_settings.RateLimit} jobs to {_settings.Url.Authority} longer than the timeout of {_settings.JobTimeout.TotalSeconds:0} s; raise -o {RemoteSettings.RateLimitKey} or -o {RemoteSettings.TimeoutKey}.");
            }
        }

        using var submitDeadline = new CancellationTokenSource(_settings.JobTimeout);
        var id = await _client.SubmitAsync(body, Guid.NewGuid().ToString("N"), submitDeadline.Token).ConfigureAwait(false);

        // The caller's cancel reaches the server synchronously, inside Cancel(): on Ctrl-C the
        // process may exit before an asynchronous cancel would be sent.
        var cancelSent = 0;
        var cancelDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onCancel = cancellationToken.Register(() =>
        {
            if (Interlocked.Exchange(ref cancelSent, 1) == 0)
            {
                _client.CancelNow(id);
                cancelDone.TrySetResult();
            }
        });
        try
        {
            token.ThrowIfCancellationRequested();
            var delay = _settings.FirstPoll;
            while (true)
            {
                var status = await _client.StatusAsync(id, token).ConfigureAwait(false);
                var state = status["status"]?.GetValue<string>() ?? "Unknown";
                switch (state)
                {
                    case "Completed":
                        return (id, await _client.ResultsAsync(id, token).ConfigureAwait(false));
                    case "Failed" or "Cancelled":
                        var reason = status["state"]?["reason"]?.GetValue<string>() ?? "no reason given";
                        throw new BackendException(Info.Name, $"job {id} on {_settings.Url} is {state}: {reason}");
                    case "Queued" or "Running":
                        break;
                    default:
                        throw new BackendException(Info.Name, $"job {id} has the unknown status '{state}'.");
                }

                await Task.Delay(delay, token).ConfigureAwait(false);
                delay = TimeSpan.FromMilliseconds(Math.Min(_settings.MaxPoll.TotalMilliseconds, delay.TotalMilliseconds * 1.5));
            }
        }
        catch (OperationCanceledException)
        {
            if (Interlocked.Exchange(ref cancelSent, 1) == 0)
            {
                await _client.CancelAsync(id).ConfigureAwait(false);
            }
            else
            {
                // The callback is sending it (maybe on another thread): the caller returns once it was.
                await cancelDone.Task.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            if (!cancellationToken.IsCancellationRequested)
            {
                throw new BackendException(Info.Name, $"job {id} did not finish within {_settings.JobTimeout.TotalSeconds:0} s; it was cancelled.");
            }

            throw;
        }
    }

    /// <summary>The shots of PUB <paramref name="index"/>: <c>data.REGISTER.samples[row][shot]</c> as hex.</summary>
    private SampleTable ReadSamples(JsonObject results, int index, int rows, int shots)
    {
        var register = (results["results"]?[index]?["data"] as JsonObject)?.FirstOrDefault().Value as JsonObject
            ?? throw Malformed($"results[{index}].data has no register");
        var bits = register["num_bits"]?.GetValue<int>() ?? throw Malformed($"results[{index}] has no num_bits");
        if (register["samples"] is not JsonArray rowArray || rowArray.Count != rows)
        {
            throw Malformed($"results[{index}] does not hold {rows} row(s) of samples");
        }

        var table = new SampleTable(rows, shots, bits);
        for (var row = 0; row < rows; row++)
        {
            if (rowArray[row] is not JsonArray shotArray || shotArray.Count != shots)
            {
                throw Malformed($"results[{index}] row {row} does not hold {shots} shots");
            }

            for (var shot = 0; shot < shots; shot++)
            {
                ParseHex(shotArray[shot]?.GetValue<string>() ?? throw Malformed($"results[{index}] row {row} shot {shot} is not a string"), table.Shot(row, shot));
            }
        }

        return table;
    }

    private void ParseHex(string text, Span<ulong> words)
    {
        if (!text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || text.Length < 3)
        {
            throw Malformed($"sample '{text}' is not 0x-prefixed hex");
        }

        var digits = text.AsSpan(2);
        var word = 0;
        for (var end = digits.Length; end > 0; end -= 16, word++)
        {
            var start = Math.Max(0, end - 16);
            if (word >= words.Length || !ulong.TryParse(digits[start..end], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            {
                throw Malformed($"sample '{text}' does not fit the register");
            }

            words[word] = value;
        }
    }

    private BackendException Malformed(string what) => new(Info.Name, $"the server's results are malformed: {what}.");
}
