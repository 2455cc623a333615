using System.Globalization;
using Qml.Abstractions;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Observables;
using Qml.Qasm;

namespace Qml.Host.Cli;

/// <summary>
/// Where <c>qml run</c> and <c>qml convert</c> get their circuit: an OpenQASM file or a built-in
/// circuit, plus <c>--bind NAME=VALUE</c> values for its input symbols and the observables to read.
/// </summary>
internal static class CircuitSource
{
    /// <summary>Reads an OpenQASM 2.0 or 3 file (the version comes from its header).</summary>
    public static Circuit ReadFile(string path) => QasmReader.ReadFile(path);

    /// <summary>One binding row for every symbol of <paramref name="circuit"/>, from NAME=VALUE items.</summary>
    public static BindingTable Bind(Circuit circuit, IReadOnlyList<string> items)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !double.TryParse(item[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                throw new QmlException($"--bind '{item}' is not NAME=NUMBER (e.g. --bind theta=0.25).");
            }

            var name = item[..eq].Trim();
            if (circuit.IndexOfSymbol(name) < 0)
            {
                var declared = circuit.Symbols.Length == 0 ? "it declares none" : "it declares " + string.Join(", ", circuit.Symbols.Select(s => s.Name));
                throw new QmlException($"--bind {name}: the circuit has no input '{name}'; {declared}.");
            }

            values[name] = value;
        }

        var missing = circuit.Symbols.Where(s => !values.ContainsKey(s.Name)).Select(s => s.Name).ToList();
        if (missing.Count > 0)
        {
            throw new QmlException($"the circuit's inputs {string.Join(", ", missing)} need values: pass --bind {missing[0]}=VALUE for each.");
        }

        return BindingTable.Single([.. circuit.Symbols.Select(s => values[s.Name])]);
    }

    /// <summary>Parses <c>--observable</c> texts; without any, ⟨Z_i⟩ of every qubit.</summary>
    public static Observable[] Observables(Circuit circuit, IReadOnlyList<string> texts)
    {
        if (texts.Count == 0)
        {
            return [.. Enumerable.Range(0, circuit.QubitCount).Select(Observable.Z)];
        }

        var observables = new Observable[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            try
            {
                observables[i] = Observable.Parse(texts[i]);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                throw new QmlException($"--observable \"{texts[i]}\": {e.Message}", e);
            }

            if (observables[i].MaxQubit >= circuit.QubitCount)
            {
                throw new QmlException($"--observable \"{texts[i]}\" acts on qubit {observables[i].MaxQubit}; the circuit has qubits 0..{circuit.QubitCount - 1}.");
            }
        }

        return observables;
    }
}
