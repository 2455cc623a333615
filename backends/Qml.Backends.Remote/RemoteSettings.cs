using System.Globalization;
using Qml.Abstractions;
using Qml.Abstractions.Execution;

namespace Qml.Backends.Remote;

/// <summary>The remote backend's options, parsed and validated. The token is never an option value.</summary>
internal sealed record RemoteSettings(
    Uri Url,
    string ServerBackend,
    int Shots,
    int MaxQubits,
    int Retries,
    TimeSpan RequestTimeout,
    TimeSpan JobTimeout,
    TimeSpan FirstPoll,
    TimeSpan MaxPoll)
{
    public const string TokenVariable = "QML_REMOTE_TOKEN";

    public const string UrlKey = "url";
    public const string BackendKey = "backend";
    public const string ShotsKey = "shots";
    public const string TokenFileKey = "token-file";
    public const string MaxQubitsKey = "max-qubits";
    public const string RetriesKey = "retries";
    public const string TimeoutKey = "timeout";
    public const string PollKey = "poll-ms";
    public const string RateLimitKey = "rate-limit";
    public const string GatesKey = "gates";
    public const string CouplingKey = "coupling";
    public const string CouplingMapKey = "coupling-map";
    public const string RoutingKey = "routing";
    public const string LayoutKey = "layout";
    public const string OptimizationKey = "optimization";

    public const int DefaultMaxQubits = 24;

    /// <summary>The bearer token (from the environment or a file); kept out of <see cref="ToString"/>.</summary>
    public string Token { get; init; } = string.Empty;

    /// <summary>Jobs submitted per period to one host, shared by every instance in the process.</summary>
    public JobRate RateLimit { get; init; } = DefaultRateLimit;

    public static JobRate DefaultRateLimit { get; } = new(5, TimeSpan.FromMinutes(1));

    /// <summary>The device's gate set and coupling map circuits are transpiled to before they are sent.</summary>
    public HardwareTarget Target { get; init; } = new(null, null);

    public static IReadOnlyList<BackendOptionInfo> Documented { get; } =
    [
        new(UrlKey, "Base URL of the sampler API (qml serve or compatible).", "http://127.0.0.1:8080"),
        new(BackendKey, "Backend the server runs the jobs on.", "cpu"),
        new(ShotsKey, "Shots per row used to estimate probabilities and expectations when the request asks for no samples.", "4096"),
        new(TokenFileKey, $"File holding the bearer token; otherwise ${TokenVariable}. The token itself is never an option.", $"${TokenVariable}"),
        new(MaxQubitsKey, "Widest circuit sent (the server may accept fewer).", DefaultMaxQubits.ToString(CultureInfo.InvariantCulture)),
        new(RetriesKey, "Retries of a request after 429, 5xx, a timeout or a refused connection (jittered backoff).", "5"),
        new(TimeoutKey, "Seconds a job may take from submit to results.", "600"),
        new(PollKey, "First delay between status polls, in milliseconds (grows to 1 s).", "25"),
        new(GatesKey, "Native gates of the target device (OpenQASM names, e.g. rz,sx,x,cx, or 'ibm'); circuits are decomposed into them before they are sent.", "any"),
        new(CouplingKey, "Coupling of the target device: 'linear' (qubit i with i+1) routes circuits with SWAPs before they are sent; 'none' leaves them as they are.", "none"),
        new(CouplingMapKey, "JSON file with the device's edge list [[a, b], …] (IBM's coupling_map), or {\"coupling_map\": [...], \"directed\": true} when a CX may only run from an edge's first qubit to its second; circuits are routed onto it with SWAPs.", "(none)"),
        new(RoutingKey, "Router for a coupling map: 'sabre' (SWAPs chosen with lookahead) or 'basic' (SWAPs along a shortest path before each gate, the first router).", "sabre"),
        new(LayoutKey, "Initial layout for a coupling map: 'sabre' (forward–backward search from seeded starts, fewest SWAPs) or 'trivial' (logical qubit i on physical qubit i).", "sabre"),
        new(OptimizationKey, "After decomposition and routing: 1 merges each run of one-qubit gates into the fewest native gates, cancels inverse pairs (cx·cx, h·h, …) and merges rotations, also across gates they commute with; 0 sends the circuit as decomposed and routed.", "1"),
        new(RateLimitKey, "Jobs submitted to the host per period (N/min, N/s, N/h; 0: no limit), one token bucket per host shared by every remote backend in the process.", "5/min"),
    ];

    public static RemoteSettings Parse(BackendOptions options, string? tokenFromEnvironment)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.RequireKnown(RemoteBackendFactory.BackendName, Documented);
        var urlText = options.GetString(UrlKey, "http://127.0.0.1:8080");
        if (!Uri.TryCreate(urlText.EndsWith('/') ? urlText : urlText + "/", UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new QmlException($"backend 'remote': url '{urlText}' is not an http(s) URL.");
        }

        string token;
        if (options.GetString(TokenFileKey, string.Empty) is { Length: > 0 } file)
        {
            try
            {
                token = File.ReadAllText(file).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new QmlException($"backend 'remote': cannot read {TokenFileKey} {file}: {e.Message}");
            }
        }
        else
        {
            token = tokenFromEnvironment?.Trim() ?? string.Empty;
        }

        if (token.Length == 0)
        {
            throw new QmlException($"backend 'remote' needs a bearer token: set {TokenVariable} or -o {TokenFileKey}=PATH.");
        }

        var poll = options.GetInt(PollKey, 25, 1, 10_000);
        return new RemoteSettings(
            url,
            options.GetString(BackendKey, "cpu"),
            options.GetInt(ShotsKey, 4096, 1, 10_000_000),
            options.GetInt(MaxQubitsKey, DefaultMaxQubits, 1, 64),
            options.GetInt(RetriesKey, 5, 0, 20),
            TimeSpan.FromSeconds(30),
            TimeSpan.FromSeconds(options.GetInt(TimeoutKey, 600, 1, 86_400)),
            TimeSpan.FromMilliseconds(poll),
            TimeSpan.FromMilliseconds(Math.Max(poll, 1000)))
        {
            Token = token,
            RateLimit = options.GetString(RateLimitKey, string.Empty) is { Length: > 0 } rate ? JobRate.Parse(rate, RateLimitKey) : DefaultRateLimit,
            Target = new HardwareTarget(
                HardwareTarget.ParseGates(options.GetString(GatesKey, string.Empty), GatesKey),
                ParseCoupling(options),
                new RoutingOptions(
                    RoutingOptions.ParseRouting(options.GetString(RoutingKey, string.Empty), RoutingKey),
                    RoutingOptions.ParseLayout(options.GetString(LayoutKey, string.Empty), LayoutKey)),
                HardwareTarget.ParseOptimization(options.GetString(OptimizationKey, string.Empty), OptimizationKey)),
        };
    }

    private static CouplingMap? ParseCoupling(BackendOptions options)
    {
        var coupling = options.GetString(CouplingKey, string.Empty);
        var file = options.GetString(CouplingMapKey, string.Empty);
        if (coupling.Length > 0 && file.Length > 0 && coupling != "none")
        {
            throw new QmlException($"backend 'remote': give either {CouplingKey}=linear or {CouplingMapKey}=FILE, not both.");
        }

        if (file.Length > 0)
        {
            return CouplingMap.Load(file, CouplingMapKey);
        }

        return coupling switch
        {
            "" or "none" => null,
            "linear" => CouplingMap.Linear(0),
            _ => throw new QmlException($"backend 'remote': {CouplingKey} '{coupling}' is not 'linear' or 'none' (use {CouplingMapKey}=FILE.json for any other map)."),
        };
    }

    /// <summary>Everything but the token.</summary>
    public override string ToString() => $"remote {Url} (server backend {ServerBackend}, {Shots} shots, rate limit {RateLimit})";
}
