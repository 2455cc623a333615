using Qml.Abstractions.Circuits;
using Qml.Qasm.Syntax;

namespace Qml.Qasm.Semantics;

/// <summary>
/// Expands a gate application into operations: natives become one operation, bodies expand
/// recursively with their parameters substituted as affine angles, modifiers transform the
/// expanded sequence. Definitions are resolved and depth-checked when they are parsed, so
/// expansion itself cannot recurse without bound.
/// </summary>
internal sealed class GateExpander(IReadOnlyList<Symbol> symbols)
{
    public void Apply(GateDef gate, ReadOnlySpan<Modifier> modifiers, Angle[] arguments, ReadOnlySpan<int> qubits, Emitter sink, SourceLocation site)
    {
        if (modifiers.IsEmpty)
        {
            Expand(gate, arguments, qubits, sink, site);
            return;
        }

        var width = gate.QubitCount;
        var fragment = new Emitter(sink.Limit) { Site = sink.Site };
        Span<int> local = stackalloc int[width];
        for (var i = 0; i < width; i++)
        {
            local[i] = i;
        }

        Expand(gate, arguments, local, fragment, site);
        var operations = fragment.Operations;
        var phase = fragment.Phase;
        for (var m = modifiers.Length - 1; m >= 0; m--)
        {
            var modifier = modifiers[m];
            switch (modifier.Kind)
            {
                case ModifierKind.Inverse:
                    Modifiers.Inverse(operations, ref phase);
                    break;
                case ModifierKind.Power:
                    Modifiers.Power(operations, ref phase, modifier, fragment);
                    break;
                default:
                    for (var c = 0; c < modifier.AddedQubits; c++)
                    {
                        Modifiers.Control(operations, ref phase, width, modifier.Kind == ModifierKind.NegativeControl, modifier.Location, gate.Name);
                        width++;
                    }

                    break;
            }
        }

        var map = qubits.ToArray();
        sink.Reserve(operations.Count);
        foreach (var operation in operations)
        {
            sink.Add(operation.Remap(q => map[q]));
        }

        sink.Phase += phase;
    }

    private void Expand(GateDef gate, Angle[] arguments, ReadOnlySpan<int> qubits, Emitter sink, SourceLocation site)
    {
        switch (gate.Form)
        {
            case GateForm.Native:
                sink.Add(Abstractions.Circuits.Operation.Gate(gate.Kind, qubits, gate.MapAngles is null ? arguments : gate.MapAngles(arguments)));
                return;
            case GateForm.GlobalPhase:
                sink.Phase += arguments[0];
                return;
            case GateForm.Opaque:
                throw site.Error($"gate '{gate.Name}' is opaque (declared without a body) and cannot be applied");
        }

        Span<int> inner = stackalloc int[16];
        foreach (var statement in gate.Body)
        {
            var values = statement.Arguments.Length == 0 ? [] : new Angle[statement.Arguments.Length];
            for (var i = 0; i < values.Length; i++)
            {
                var expression = statement.Arguments[i];
                var value = expression.Evaluate(arguments, symbols);
                if (!double.IsFinite(value.Constant))
                {
                    throw expression.Location.Error($"the parameter evaluates to {value.Constant} (in gate '{gate.Name}'); expected a finite number");
                }

                values[i] = value;
            }

            var targets = statement.Qubits.Length <= inner.Length ? inner[..statement.Qubits.Length] : new int[statement.Qubits.Length];
            for (var i = 0; i < targets.Length; i++)
            {
                targets[i] = qubits[statement.Qubits[i]];
            }

            Apply(statement.Target, statement.Modifiers, values, targets, sink, statement.Location);
        }
    }
}
