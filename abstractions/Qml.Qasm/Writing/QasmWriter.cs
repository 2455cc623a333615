using System.Globalization;
using System.Text;
using Qml.Abstractions;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;
using Qml.Qasm.Semantics;

namespace Qml.Qasm;

/// <summary>
/// Writes a circuit as OpenQASM 2.0 or 3 that <see cref="QasmReader"/> (and Qiskit) read back
/// to an equivalent circuit. Numbers use the shortest round-trip form, so angles survive
/// exactly. Qubits are one register <c>q</c>, bits one register <c>c</c>.
/// <list type="bullet">
/// <item>OpenQASM 3: symbols become <c>input float[64]</c> (a weight reads back as an input),
/// the global phase becomes <c>gphase</c>, a 1-qubit unitary becomes <c>U</c> plus <c>gphase</c>.</item>
/// <item>OpenQASM 2.0 has no parameters and no global phase: the circuit must be bound; the
/// global phase (of the circuit and of 1-qubit unitaries, written as <c>u3</c>) is dropped,
/// which changes no probability or expectation.</item>
/// <item>Unitaries on 2+ qubits have no exact OpenQASM form here and are an error; so are
/// classical conditions in OpenQASM 3 (the reader does not accept <c>if</c> there).</item>
/// </list>
/// </summary>
public static class QasmWriter
{
    private static readonly HashSet<string> Taken = new(StringComparer.Ordinal)
    {
        "q", "c", "pi", "tau", "euler", "iswap", "rxx", "ryy", "rzz", "sxdg", "cu3", "cu1", "u1", "u2", "u3", "u0", "u", "U",
        "CX", "cu", "csx", "rccx", "rc3x", "c3x", "c3sqrtx", "c4x", "phase", "cphase", "gphase", "sin", "cos", "tan", "exp", "ln",
        "sqrt", "arcsin", "arccos", "arctan",
    };

    /// <summary>Writes <paramref name="circuit"/> as an OpenQASM program ending in a newline.</summary>
    /// <param name="circuit">The circuit; qubit i becomes <c>q[i]</c>, classical bit i <c>c[i]</c>.</param>
    /// <param name="version">The language version to produce; OpenQASM 3 by default.</param>
    /// <returns>The program text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="circuit"/> is null.</exception>
    /// <exception cref="QmlException">The circuit has unbound symbols (2.0), symbol names that are not
    /// valid input names (3), a unitary on 2+ qubits, or a classical condition the version cannot express.</exception>
    public static string Write(Circuit circuit, QasmVersion version = QasmVersion.V3)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        var v3 = version == QasmVersion.V3;
        CheckSymbols(circuit, v3);
        var text = new StringBuilder(64 + (circuit.Operations.Length * 24));
        text.Append(v3 ? "OPENQASM 3.0;\ninclude \"stdgates.inc\";\n" : "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n");
        WriteDefinitions(circuit, v3, text);
        foreach (var symbol in circuit.Symbols)
        {
            text.Append("input float[64] ").Append(symbol.Name).Append(";\n");
        }

        if (circuit.QubitCount > 0)
        {
            text.Append(v3 ? $"qubit[{circuit.QubitCount}] q;\n" : $"qreg q[{circuit.QubitCount}];\n");
        }

        if (circuit.ClassicalBitCount > 0)
        {
            text.Append(v3 ? $"bit[{circuit.ClassicalBitCount}] c;\n" : $"creg c[{circuit.ClassicalBitCount}];\n");
        }

        if (v3 && circuit.GlobalPhase != Angle.Zero)
        {
            text.Append("gphase(").Append(Format(circuit.GlobalPhase, circuit.Symbols)).Append(");\n");
        }

        for (var index = 0; index < circuit.Operations.Length; index++)
        {
            WriteOperation(circuit, index, v3, text);
        }

        return text.ToString();
    }

    private static void CheckSymbols(Circuit circuit, bool v3)
    {
        if (circuit.Symbols.Length == 0)
        {
            return;
        }

        if (!v3)
        {
            throw new QmlException(
                $"OpenQASM 2.0 has no parameters, and the circuit has unbound symbol(s) {string.Join(", ", circuit.Symbols.Select(s => $"'{s.Name}'"))}: "
                + "bind them first (Circuit.Bind) or write OpenQASM 3.");
        }

        var bad = circuit.Symbols.Where(s => !IsIdentifier(s.Name) || Taken.Contains(s.Name) || GateDefinition.TryFind(s.Name, out _)).Select(s => $"'{s.Name}'").ToList();
        if (bad.Count > 0)
        {
            throw new QmlException(
                $"Symbol name(s) {string.Join(", ", bad)} cannot be OpenQASM 3 input names: a name must be an identifier (letters, digits, '_') "
                + "that is not a keyword, a gate name, or the register names q and c. Rename the symbols.");
        }
    }

    private static bool IsIdentifier(string name) =>
        name.Length > 0
        && (char.IsLetter(name[0]) || name[0] == '_')
        && name.All(ch => char.IsLetterOrDigit(ch) || ch == '_')
        && !IsKeyword(name);

    private static bool IsKeyword(string name) => name is "qubit" or "bit" or "input" or "output" or "const" or "gate" or "ctrl" or "negctrl"
        or "inv" or "pow" or "measure" or "reset" or "barrier" or "if" or "else" or "for" or "while" or "in" or "def" or "return"
        or "extern" or "box" or "delay" or "duration" or "stretch" or "let" or "switch" or "case" or "default" or "break" or "continue"
        or "end" or "defcal" or "cal" or "defcalgrammar" or "int" or "uint" or "float" or "angle" or "bool" or "complex" or "array"
        or "void" or "true" or "false" or "include" or "OPENQASM" or "pragma" or "durationof" or "sizeof" or "mutable" or "readonly"
        or "qreg" or "creg" or "opaque";

    private static void WriteDefinitions(Circuit circuit, bool v3, StringBuilder text)
    {
        var used = circuit.Operations.Select(o => o.Kind).ToHashSet();

        // Exact definitions (global phase included) of kinds the standard include lacks.
        if (v3 && used.Contains(OperationKind.RXX))
        {
            text.Append("gate rxx(theta) a, b { h a; h b; cx a, b; rz(theta) b; cx a, b; h a; h b; }\n");
        }

        if (used.Contains(OperationKind.RYY))
        {
            text.Append("gate ryy(theta) a, b { rx(pi/2) a; rx(pi/2) b; cx a, b; rz(theta) b; cx a, b; rx(-pi/2) a; rx(-pi/2) b; }\n");
        }

        if (v3 && used.Contains(OperationKind.RZZ))
        {
            text.Append("gate rzz(theta) a, b { cx a, b; rz(theta) b; cx a, b; }\n");
        }

        if (used.Contains(OperationKind.ISwap))
        {
            text.Append("gate iswap a, b { s a; s b; h a; cx a, b; cx b, a; h b; }\n");
        }
    }

    private static void WriteOperation(Circuit circuit, int index, bool v3, StringBuilder text)
    {
        var operation = circuit.Operations[index];
        if (operation.Condition is { } condition)
        {
            var all = condition.Bits.Length == circuit.ClassicalBitCount && condition.Bits.Select((b, i) => b == i).All(x => x);
            if (v3 || !all)
            {
                throw new QmlException(
                    $"Operation {index} ({operation}) is classically conditioned; "
                    + (v3 ? "OpenQASM 3 output of conditions is not supported (write OpenQASM 2.0)." : "OpenQASM 2.0 can only condition on the whole register c (all bits in order)."));
            }

            text.Append("if (c == ").Append(condition.Value.ToString(CultureInfo.InvariantCulture)).Append(") ");
        }

        var q = operation.Qubits;
        switch (operation.Kind)
        {
            case OperationKind.Measure:
                if (v3)
                {
                    text.Append($"c[{operation.ClassicalBits[0]}] = measure q[{q[0]}];\n");
                }
                else
                {
                    text.Append($"measure q[{q[0]}] -> c[{operation.ClassicalBits[0]}];\n");
                }

                return;
            case OperationKind.Reset:
                text.Append($"reset q[{q[0]}];\n");
                return;
            case OperationKind.Barrier:
                text.Append("barrier ").AppendJoin(", ", q.Select(i => $"q[{i}]")).Append(";\n");
                return;
            case OperationKind.Unitary:
                {
                    var matrix = operation.Matrix!;
                    if (matrix.QubitCount != 1)
                    {
                        throw new QmlException(
                            $"Operation {index} ({operation}) is a {matrix.QubitCount}-qubit unitary; OpenQASM output supports 1-qubit unitaries only. "
                            + "Decompose it into named gates first.");
                    }

                    var (theta, phi, lambda, gamma) = GateMatrices.ZyzAngles(matrix.Entries.AsSpan());
                    text.Append(v3 ? "U(" : "u3(").Append(Number(theta)).Append(", ").Append(Number(phi)).Append(", ").Append(Number(lambda))
                        .Append($") q[{q[0]}];\n");
                    if (v3 && gamma != 0)
                    {
                        text.Append("gphase(").Append(Number(gamma)).Append(");\n");
                    }

                    return;
                }
        }

        text.Append(Name(operation.Kind, v3));
        if (operation.Angles.Length > 0)
        {
            text.Append('(');
            for (var i = 0; i < operation.Angles.Length; i++)
            {
                text.Append(i == 0 ? string.Empty : ", ").Append(Format(operation.Angles[i], circuit.Symbols));
            }

            text.Append(')');
        }

        text.Append(' ').AppendJoin(", ", q.Select(i => $"q[{i}]")).Append(";\n");
    }

    private static string Name(OperationKind kind, bool v3) => kind switch
    {
        OperationKind.SXdg when v3 => "inv @ sx",
        OperationKind.P => v3 ? "p" : "u1",
        OperationKind.U => v3 ? "U" : "u3",
        OperationKind.CP => v3 ? "cp" : "cu1",
        _ => GateDefinition.Of(kind).Name,
    };

    /// <summary>An affine angle as an expression: <c>2*theta - x + 0.5</c>.</summary>
    internal static string Format(Angle angle, IReadOnlyList<Symbol> symbols)
    {
        if (angle.IsConstant)
        {
            return Number(angle.Constant);
        }

        var text = new StringBuilder();
        foreach (var term in angle.Terms)
        {
            var name = symbols[term.Symbol].Name;
            var magnitude = Math.Abs(term.Coefficient);
            text.Append(text.Length == 0 ? (term.Coefficient < 0 ? "-" : string.Empty) : (term.Coefficient < 0 ? " - " : " + "));
            text.Append(magnitude == 1.0 ? name : $"{Number(magnitude)}*{name}");
        }

        if (angle.Constant != 0)
        {
            text.Append(angle.Constant < 0 ? " - " : " + ").Append(Number(Math.Abs(angle.Constant)));
        }

        return text.ToString();
    }

    /// <summary>Shortest round-trip form, always with a digit before the exponent's 'e' as
    /// OpenQASM 2's grammar requires (<c>1.0e-05</c>, not <c>1E-05</c>).</summary>
    internal static string Number(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        if (e >= 0)
        {
            var mantissa = text[..e];
            text = (mantissa.Contains('.', StringComparison.Ordinal) ? mantissa : mantissa + ".0") + "e" + text[(e + 1)..];
        }

        return text;
    }
}
