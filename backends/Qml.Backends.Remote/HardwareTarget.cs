using System.Collections.Immutable;
using Qml.Abstractions;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Decomposition;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Gates;

namespace Qml.Backends.Remote;

/// <summary>A circuit on physical qubits and where each logical qubit ended up (<c>Layout[logical] = physical</c>).</summary>
internal sealed record TranspiledCircuit(Circuit Circuit, ImmutableArray<int> Layout);

/// <summary>
/// A device's constraints: a native gate set (<c>-o gates=rz,sx,x,cx</c> or <c>ibm</c>) and a
/// coupling map (<c>-o coupling=linear</c> or <c>-o coupling-map=FILE.json</c>). Circuits are
/// decomposed into the gates, then routed: a two-qubit gate on qubits that are not coupled is
/// preceded by SWAPs along a shortest path, moving its first qubit next to its second and
/// tracking the layout. Measurements follow their qubits, so classical bits keep their meaning.
/// </summary>
internal sealed class HardwareTarget
{
    /// <summary>IBM's Eagle/Heron-style basis.</summary>
    public static readonly ImmutableArray<OperationKind> IbmGates = [OperationKind.RZ, OperationKind.SX, OperationKind.X, OperationKind.CX];

    private static readonly OperationKind[] Always = [OperationKind.Measure, OperationKind.Reset, OperationKind.Barrier];

    public HardwareTarget(ImmutableHashSet<OperationKind>? gates, CouplingMap? coupling)
    {
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
    }

    /// <summary>The native gates (with measure, reset, barrier), or null for any gate.</summary>
    public ImmutableHashSet<OperationKind>? Gates { get; }

    public CouplingMap? Coupling { get; }

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

    /// <summary>Decomposes into the gate set and routes onto the coupling map.</summary>
    public TranspiledCircuit Transpile(Circuit circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        var native = Gates ?? [.. Enum.GetValues<OperationKind>().Where(k => k != OperationKind.Unitary)];
        if (Coupling is not null)
        {
            // A router places two qubits side by side; wider gates are decomposed first.
            native = native.Where(k => k == OperationKind.Barrier || GateDefinition.Of(k).QubitCount <= 2 || !GateDefinition.Of(k).IsUnitary).ToImmutableHashSet();
        }

        var decomposed = CircuitDecomposer.Decompose(circuit, new GateSet([.. native, OperationKind.U, OperationKind.CX], native.Contains(OperationKind.Unitary) ? 1 : 0));
        if (!native.Contains(OperationKind.U))
        {
            decomposed = LowerU(decomposed);
        }

        return Coupling is null
            ? new TranspiledCircuit(decomposed, [.. Enumerable.Range(0, circuit.QubitCount)])
            : Route(decomposed, Coupling.For(circuit.QubitCount), native.Contains(OperationKind.Swap));
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

    private static TranspiledCircuit Route(Circuit circuit, CouplingMap map, bool nativeSwap)
    {
        if (map.Qubits < circuit.QubitCount)
        {
            throw new QmlException($"backend 'remote': the circuit has {circuit.QubitCount} qubits; the coupling map {map.Description} has only {map.Qubits}.");
        }

        // layout[logical] = physical; at[physical] = logical (or -1 for an idle device qubit).
        var layout = Enumerable.Range(0, circuit.QubitCount).ToArray();
        var at = Enumerable.Range(0, map.Qubits).Select(p => p < circuit.QubitCount ? p : -1).ToArray();
        var output = new List<Operation>(circuit.Operations.Length * 2);
        foreach (var op in circuit.Operations)
        {
            if (op.Kind != OperationKind.Barrier && op.Qubits.Length == 2 && !map.Adjacent(layout[op.Qubits[0]], layout[op.Qubits[1]]))
            {
                var path = map.ShortestPath(layout[op.Qubits[0]], layout[op.Qubits[1]])
                    ?? throw new QmlException($"backend 'remote': qubits {op.Qubits[0]} and {op.Qubits[1]} of {op} are not connected in the coupling map {map.Description}.");

                // Walk the first qubit along the path until it stands next to the second.
                for (var i = 0; i + 2 < path.Length; i++)
                {
                    Swap(path[i], path[i + 1], output, nativeSwap);
                    var (a, b) = (at[path[i]], at[path[i + 1]]);
                    (at[path[i]], at[path[i + 1]]) = (b, a);
                    if (a >= 0)
                    {
                        layout[a] = path[i + 1];
                    }

                    if (b >= 0)
                    {
                        layout[b] = path[i];
                    }
                }
            }

            output.Add(Remap(op, layout));
        }

        return new TranspiledCircuit(
            new Circuit(map.Qubits, circuit.ClassicalBitCount, circuit.Symbols, output, circuit.GlobalPhase, circuit.Name),
            [.. layout]);
    }

    private static void Swap(int a, int b, List<Operation> output, bool nativeSwap)
    {
        if (nativeSwap)
        {
            output.Add(Operation.Gate(OperationKind.Swap, [a, b]));
            return;
        }

        output.Add(Operation.Gate(OperationKind.CX, [a, b]));
        output.Add(Operation.Gate(OperationKind.CX, [b, a]));
        output.Add(Operation.Gate(OperationKind.CX, [a, b]));
    }

    private static Operation Remap(Operation op, int[] layout)
    {
        Span<int> qubits = stackalloc int[op.Qubits.Length];
        for (var i = 0; i < qubits.Length; i++)
        {
            qubits[i] = layout[op.Qubits[i]];
        }

        return op.Kind switch
        {
            OperationKind.Measure => Operation.Measure(qubits[0], op.ClassicalBits[0]).WithCondition(op.Condition),
            OperationKind.Reset => Operation.Reset(qubits[0]).WithCondition(op.Condition),
            OperationKind.Barrier => Operation.Barrier(qubits),
            OperationKind.Unitary => Operation.Unitary(op.Matrix!, qubits, op.Label).WithCondition(op.Condition),
            _ => Operation.Gate(op.Kind, qubits, [.. op.Angles]).WithCondition(op.Condition),
        };
    }
}
