using System.Collections.Immutable;
using Qml.Abstractions;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Decomposition;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Gates;

namespace Qml.Backends.Remote;

/// <summary>A circuit on physical qubits and where each logical qubit ended up (<c>Layout[logical] = physical</c>).</summary>
internal sealed record TranspiledCircuit(Circuit Circuit, ImmutableArray<int> Layout)
{
    /// <summary>Where each logical qubit started (<c>InitialLayout[logical] = physical</c>).</summary>
    public ImmutableArray<int> InitialLayout { get; init; } = Layout;

    /// <summary>SWAPs the router inserted.</summary>
    public int Swaps { get; init; }

    /// <summary>The gates before the optimization pass (null when it did not run).</summary>
    public GateCounts? Unoptimized { get; init; }

    /// <summary>The gates sent.</summary>
    public GateCounts Counts => GateCounts.Of(Circuit.Operations);
}

/// <summary>
/// A device's constraints: a native gate set (<c>-o gates=rz,sx,x,cx</c> or <c>ibm</c>) and a
/// coupling map (<c>-o coupling=linear</c> or <c>-o coupling-map=FILE.json</c>). Circuits are
/// decomposed into the gates, placed and routed (<see cref="CircuitRouter"/>: SABRE by default,
/// or the shortest-path router), then CX are turned to the edges' direction on a directed map
/// (<see cref="EdgeDirections"/>), and the result is optimized (<see cref="GateOptimizer"/>,
/// <c>-o optimization=1</c>). Measurements follow their qubits, so classical bits keep
/// their meaning; the final layout says where each logical qubit ended.
/// </summary>
internal sealed class HardwareTarget
{
    /// <summary>IBM's Eagle/Heron-style basis.</summary>
    public static readonly ImmutableArray<OperationKind> IbmGates = [OperationKind.RZ, OperationKind.SX, OperationKind.X, OperationKind.CX];

    private static readonly OperationKind[] Always = [OperationKind.Measure, OperationKind.Reset, OperationKind.Barrier];

    /// <summary>No optimization: the decomposed and routed circuit as it is (<c>-o optimization=0</c>).</summary>
    public const int NoOptimization = 0;

    /// <summary>One-qubit runs re-synthesized, inverse pairs cancelled, rotations merged (<c>-o optimization=1</c>, the option's default).</summary>
    public const int DefaultOptimization = 1;

    public HardwareTarget(ImmutableHashSet<OperationKind>? gates, CouplingMap? coupling, RoutingOptions? routing = null, int optimization = NoOptimization)
    {
        if (optimization is not (NoOptimization or DefaultOptimization))
        {
            throw new QmlException($"backend 'remote': optimization '{optimization}' is not valid; use 0 (none) or 1 (merge one-qubit runs, cancel inverse pairs).");
        }

        if (gates is not null && !gates.Contains(OperationKind.CX))
        {
            throw new QmlException("backend 'remote': gates must contain cx (every two-qubit gate is decomposed into it).");
        }

        if (gates is not null && !gates.Contains(OperationKind.U) && !(gates.Contains(OperationKind.RZ) && gates.Contains(OperationKind.SX)))
        {
            throw new QmlException("backend 'remote': gates must contain u, or rz and sx (every one-qubit gate is written with them).");
        }

        Gates = gates?.Union(Always);
        Coupling = coupling;
        Routing = routing ?? RoutingOptions.Default;
        Optimization = optimization;
    }

    /// <summary>The native gates (with measure, reset, barrier), or null for any gate.</summary>
    public ImmutableHashSet<OperationKind>? Gates { get; }

    public CouplingMap? Coupling { get; }

    public RoutingOptions Routing { get; }

    /// <summary>0: none; 1: <see cref="GateOptimizer"/> after decomposition and routing.</summary>
    public int Optimization { get; }

    public bool IsActive => Gates is not null || Coupling is not null;

    /// <summary>Reads <c>gates=…</c> (gate names, or <c>ibm</c>); null when not given.</summary>
    public static ImmutableHashSet<OperationKind>? ParseGates(string text, string option)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (text.Trim() == "ibm")
        {
            return [.. IbmGates];
        }

        var kinds = ImmutableHashSet.CreateBuilder<OperationKind>();
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!GateDefinition.TryFind(name, out var definition) || definition.Kind == OperationKind.Unitary)
            {
                throw new QmlException($"backend 'remote': {option} names the unknown gate '{name}'; use OpenQASM names (e.g. rz,sx,x,cx or u,cx) or 'ibm'.");
            }

            kinds.Add(definition.Kind);
        }

        return kinds.ToImmutable();
    }

    /// <summary>Reads <c>optimization=0|1</c> (default 1).</summary>
    public static int ParseOptimization(string text, string option) => text.Trim() switch
    {
        "" or "1" => DefaultOptimization,
        "0" => NoOptimization,
        _ => throw new QmlException($"backend 'remote': {option} '{text}' is not valid; use 0 (none) or 1 (the default: merge one-qubit runs, cancel inverse pairs)."),
    };

    /// <summary>Decomposes into the gate set, routes onto the coupling map, then optimizes.</summary>
    public TranspiledCircuit Transpile(Circuit circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        var native = Gates ?? [.. Enum.GetValues<OperationKind>().Where(k => k != OperationKind.Unitary)];
        if (Coupling is not null)
        {
            // A router places two qubits side by side; wider gates are decomposed first.
            native = native.Where(k => k == OperationKind.Barrier || GateDefinition.Of(k).QubitCount <= 2 || !GateDefinition.Of(k).IsUnitary).ToImmutableHashSet();

            // Only CX can be turned around an edge's direction (with H); other two-qubit gates that are not symmetric become CX.
            if (Coupling.IsDirected)
            {
                native = native.Where(k => GateDefinition.Of(k).QubitCount != 2 || k == OperationKind.CX || EdgeDirections.Symmetric.Contains(k)).ToImmutableHashSet();
            }
        }

        var decomposed = CircuitDecomposer.Decompose(circuit, new GateSet([.. native, OperationKind.U, OperationKind.CX], native.Contains(OperationKind.Unitary) ? 1 : 0));
        if (!native.Contains(OperationKind.U))
        {
            decomposed = LowerU(decomposed);
        }

        var map = Coupling?.For(circuit.QubitCount);
        var transpiled = map is null
            ? new TranspiledCircuit(decomposed, [.. Enumerable.Range(0, circuit.QubitCount)])
            : Route(decomposed, map, native);
        return Optimization == NoOptimization
            ? transpiled
            : transpiled with { Circuit = GateOptimizer.Optimize(transpiled.Circuit, native, map is null ? null : map.Allows), Unoptimized = transpiled.Counts };
    }

    /// <summary>U(θ, φ, λ) = RZ(φ + π)·SX·RZ(θ + π)·SX·RZ(λ) up to a global phase; U(0, φ, λ) = RZ(φ + λ) up to one.</summary>
    private static Circuit LowerU(Circuit circuit)
    {
        if (!circuit.Operations.Any(o => o.Kind == OperationKind.U))
        {
            return circuit;
        }

        var output = new List<Operation>(circuit.Operations.Length * 3);
        foreach (var op in circuit.Operations)
        {
            if (op.Kind != OperationKind.U)
            {
                output.Add(op);
                continue;
            }

            var q = op.Qubits[0];
            var (theta, phi, lambda) = (op.Angles[0], op.Angles[1], op.Angles[2]);
            if (theta.IsConstant && theta.Constant == 0)
            {
                output.Add(Operation.Gate(OperationKind.RZ, [q], phi + lambda).WithCondition(op.Condition));
                continue;
            }

            output.Add(Operation.Gate(OperationKind.RZ, [q], lambda).WithCondition(op.Condition));
            output.Add(Operation.Gate(OperationKind.SX, [q]).WithCondition(op.Condition));
            output.Add(Operation.Gate(OperationKind.RZ, [q], theta + Math.PI).WithCondition(op.Condition));
            output.Add(Operation.Gate(OperationKind.SX, [q]).WithCondition(op.Condition));
            output.Add(Operation.Gate(OperationKind.RZ, [q], phi + Math.PI).WithCondition(op.Condition));
        }

        // Sampling cannot see the global phase; it is left as the decomposer had it.
        return circuit.WithOperations(output);
    }

    private TranspiledCircuit Route(Circuit circuit, CouplingMap map, ImmutableHashSet<OperationKind> native)
    {
        var routed = CircuitRouter.Route(circuit, map, Routing);
        var operations = EdgeDirections.Apply(routed.Operations!, map, native);
        return new TranspiledCircuit(
            new Circuit(map.Qubits, circuit.ClassicalBitCount, circuit.Symbols, operations, circuit.GlobalPhase, circuit.Name),
            [.. routed.FinalLayout.Take(circuit.QubitCount)])
        {
            InitialLayout = [.. routed.InitialLayout.Take(circuit.QubitCount)],
            Swaps = routed.Swaps,
        };
    }
}
