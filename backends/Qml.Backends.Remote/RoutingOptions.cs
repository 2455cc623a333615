using Qml.Abstractions;

namespace Qml.Backends.Remote;

/// <summary>How two-qubit gates are brought onto coupled qubits.</summary>
internal enum RoutingMethod
{
    /// <summary>SWAPs along a shortest path before each uncoupled gate (the first router; no lookahead).</summary>
    Basic,

    /// <summary>SABRE (Li, Ding, Xie 2019): SWAPs chosen by front-layer distance with lookahead and decay.</summary>
    Sabre,
}

/// <summary>Where each logical qubit starts on the device.</summary>
internal enum LayoutMethod
{
    /// <summary>Logical qubit i on physical qubit i.</summary>
    Trivial,

    /// <summary>SABRE's forward–backward passes from a few seeded starts; the start that needs the fewest SWAPs wins.</summary>
    Sabre,
}

/// <summary>The router and initial layout (<c>-o routing=basic|sabre</c>, <c>-o layout=trivial|sabre</c>).</summary>
internal sealed record RoutingOptions(RoutingMethod Routing = RoutingMethod.Sabre, LayoutMethod Layout = LayoutMethod.Sabre)
{
    public static RoutingOptions Default { get; } = new();

    /// <summary>The first router: trivial layout, shortest-path SWAPs (reproduces routing before SABRE).</summary>
    public static RoutingOptions Basic { get; } = new(RoutingMethod.Basic, LayoutMethod.Trivial);

    public static RoutingMethod ParseRouting(string text, string option) => text.Trim() switch
    {
        "" or "sabre" => RoutingMethod.Sabre,
        "basic" => RoutingMethod.Basic,
        _ => throw new QmlException($"backend 'remote': {option} '{text}' is not valid; use basic or sabre (the default)."),
    };

    public static LayoutMethod ParseLayout(string text, string option) => text.Trim() switch
    {
        "" or "sabre" => LayoutMethod.Sabre,
        "trivial" => LayoutMethod.Trivial,
        _ => throw new QmlException($"backend 'remote': {option} '{text}' is not valid; use trivial or sabre (the default)."),
    };

    public override string ToString() => $"routing={Routing.ToString().ToLowerInvariant()}, layout={Layout.ToString().ToLowerInvariant()}";
}
