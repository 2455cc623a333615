using System.CommandLine;
using Qml.Abstractions;
using Qml.Learning.Checkpoints;
using Qml.Qasm;

namespace Qml.Host.Cli.Commands;

/// <summary><c>qml convert IN --to qasm2|qasm3 [--out FILE]</c>: rewrites a circuit in the other OpenQASM version.</summary>
internal static class ConvertCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "OpenQASM 2.0 or 3 file to convert." };
        var to = new Option<string>("--to") { Description = "Target format: qasm2 or qasm3.", Required = true };
        to.AcceptOnlyFromAmong("qasm2", "qasm3");
        var output = new Option<string?>("--out") { Description = "Write here (atomically) instead of standard output." };
        var bind = new Option<string[]>("--bind") { Description = "Value of an input, NAME=VALUE: OpenQASM 2.0 has no inputs, so converting a parameterised circuit to qasm2 needs all of them." };

        var command = new Command("convert", "Convert an OpenQASM file between versions 2.0 and 3.");
        command.Arguments.Add(input);
        command.Options.Add(to);
        command.Options.Add(output);
        command.Options.Add(bind);
        CommandAction.Set(command, (parseResult, _) =>
        {
            var circuit = CircuitSource.ReadFile(parseResult.GetValue(input)!);
            var version = parseResult.GetValue(to) == "qasm2" ? QasmVersion.V2 : QasmVersion.V3;
            var bindItems = parseResult.GetValue(bind) ?? [];
            if (bindItems.Length > 0 || (version == QasmVersion.V2 && circuit.Symbols.Length > 0))
            {
                circuit = circuit.Bind(CircuitSource.Bind(circuit, bindItems).Row(0));
            }

            var text = QasmWriter.Write(circuit, version);
            if (parseResult.GetValue(output) is { } path)
            {
                AtomicFile.WriteAllText(path, text);
                Console.Error.WriteLine($"wrote {path} ({circuit.QubitCount} qubits, {circuit.Operations.Length} operations)");
            }
            else
            {
                Console.Out.Write(text);
            }

            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }
}
