using System.Collections.Frozen;
using Qml.Abstractions.Circuits;
using Qml.Qasm.Semantics;
using Qml.Qasm.Syntax;

namespace Qml.Qasm;

/// <summary>
/// OpenQASM 3: <c>qubit</c>/<c>bit</c> declarations, <c>input</c> parameters (circuit symbols),
/// <c>const</c>, gate modifiers, <c>c = measure q;</c>, and a clear "not supported" for the
/// rest of the language (control flow, subroutines, timing, classical variables).
/// </summary>
internal sealed partial class QasmParser
{
    private static readonly Modifier[] NoModifiers = [];

    private static readonly FrozenSet<string> Qasm3Keywords = new[]
    {
        "qubit", "bit", "input", "output", "const", "gate", "gphase", "ctrl", "negctrl", "inv", "pow", "measure", "reset",
        "barrier", "if", "else", "for", "while", "in", "def", "return", "extern", "box", "delay", "duration", "stretch", "let",
        "switch", "case", "default", "break", "continue", "end", "defcal", "cal", "defcalgrammar", "int", "uint", "float",
        "angle", "bool", "complex", "array", "void", "true", "false", "include", "OPENQASM", "pragma", "durationof", "sizeof",
        "mutable", "readonly", "qreg", "creg", "opaque", "U",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Handles an OpenQASM 3 statement; false when it is a gate application.</summary>
    private bool ParseQasm3Statement(ReadOnlySpan<char> word)
    {
        string? unsupported = word switch
        {
            "if" or "else" => $"classical control flow ('{word}')",
            "for" => "'for' loops",
            "while" => "'while' loops",
            "def" => "subroutines ('def')",
            "extern" => "extern functions",
            "return" or "break" or "continue" or "end" or "switch" or "case" or "default" => $"'{word}' statements",
            "delay" or "box" or "duration" or "stretch" or "durationof" => $"timing ('{word}')",
            "defcal" or "cal" or "defcalgrammar" => $"pulse-level calibrations ('{word}')",
            "let" => "aliases ('let')",
            "output" => "output declarations",
            "pragma" => "pragmas",
            "int" or "uint" or "float" or "angle" or "bool" or "complex" or "array" => $"classical variables ('{word}' declarations)",
            _ => null,
        };
        if (unsupported is not null)
        {
            throw Here.Error($"not supported: {unsupported}");
        }

        switch (word)
        {
            case "qubit":
                ParseNewRegister(quantum: true);
                return true;
            case "bit":
                ParseNewRegister(quantum: false);
                return true;
            case "input":
                ParseInput();
                return true;
            case "const":
                ParseConst();
                return true;
        }

        if (_registerLookup.TryGetValue(word, out var register) && !register.IsQuantum)
        {
            ParseMeasureAssignment();
            return true;
        }

        return false;
    }

    private void ParseNewRegister(bool quantum)
    {
        Advance();
        var size = 1;
        if (Accept(TokenKind.LeftBracket))
        {
            size = ParseInteger("register size", 1, quantum ? _options.MaxQubits : _options.MaxClassicalBits);
            Expect(TokenKind.RightBracket, "after the register size");
        }

        var nameToken = ExpectIdentifier("a register name");
        if (_token.Kind == TokenKind.Assign)
        {
            throw Here.Error("not supported: initialising a register in its declaration");
        }

        Expect(TokenKind.Semicolon, "after the register declaration");
        DeclareRegister(Text(nameToken).ToString(), At(nameToken), size, quantum);
    }

    private void ParseInput()
    {
        Advance();
        var typeLocation = Here;
        var type = ExpectIdentifier("a type after 'input' (float[64] or angle)");
        if (Text(type) is not ("float" or "angle"))
        {
            throw typeLocation.Error($"not supported: input of type '{Text(type)}'; expected float[64] or angle");
        }

        SkipDesignator();
        var nameToken = ExpectIdentifier("a parameter name");
        Expect(TokenKind.Semicolon, "after the input declaration");
        var name = Text(nameToken).ToString();
        Declare(name, At(nameToken), "input");
        _inputs[name] = _symbols.Count;
        _symbols.Add(new Symbol(name, SymbolRole.Input));
    }

    private void ParseConst()
    {
        Advance();
        var typeLocation = Here;
        var type = ExpectIdentifier("a type after 'const' (float, int, uint or angle)");
        var integer = Text(type) is "int" or "uint";
        if (!integer && Text(type) is not ("float" or "angle"))
        {
            throw typeLocation.Error($"not supported: const of type '{Text(type)}'; expected float, int, uint or angle");
        }

        SkipDesignator();
        var nameToken = ExpectIdentifier("a constant name");
        var name = Text(nameToken).ToString();
        Expect(TokenKind.Assign, $"after const {name}");
        var location = Here;
        var expression = ParseExpression();
        if (!expression.IsConstant)
        {
            throw location.Error($"const '{name}' must be a compile-time constant; expected an expression without inputs");
        }

        Expect(TokenKind.Semicolon, "after the const declaration");
        var value = expression.Evaluate([], _symbols).Constant;
        Declare(name, At(nameToken), "constant");
        _constants[name] = integer ? Math.Truncate(value) : value;
    }

    /// <summary>Skips a type width such as <c>[64]</c>: every float here is a double.</summary>
    private void SkipDesignator()
    {
        if (Accept(TokenKind.LeftBracket))
        {
            ParseInteger("type width", 1, 1 << 16);
            Expect(TokenKind.RightBracket, "after the type width");
        }
    }

    private void ParseMeasureAssignment()
    {
        var location = Here;
        var bit = ParseOperand(quantum: false);
        if (_token.Kind != TokenKind.Assign)
        {
            throw Expected("'=' (only 'c = measure q;' assignments are supported)");
        }

        Advance();
        if (!IsWord("measure"))
        {
            throw Here.Error("not supported: classical assignments (only 'c = measure q;')");
        }

        Advance();
        var qubit = ParseOperand(quantum: true);
        Expect(TokenKind.Semicolon, "after the measurement");
        EmitMeasure(qubit, bit, location);
    }

    /// <summary>Parses <c>ctrl @</c>, <c>negctrl(n) @</c>, <c>inv @</c>, <c>pow(k) @</c> prefixes.</summary>
    private Modifier[] ParseModifiers()
    {
        if (IsV2)
        {
            return NoModifiers;
        }

        List<Modifier>? modifiers = null;
        while (_token.Kind == TokenKind.Identifier)
        {
            var word = Text(_token);
            ModifierKind kind;
            switch (word)
            {
                case "ctrl": kind = ModifierKind.Control; break;
                case "negctrl": kind = ModifierKind.NegativeControl; break;
                case "inv": kind = ModifierKind.Inverse; break;
                case "pow": kind = ModifierKind.Power; break;
                default: return modifiers is null ? NoModifiers : [.. modifiers];
            }

            var location = Here;
            Advance();
            var argument = kind is ModifierKind.Control or ModifierKind.NegativeControl ? 1.0 : 0.0;
            if (Accept(TokenKind.LeftParen))
            {
                if (kind == ModifierKind.Inverse)
                {
                    throw location.Error("inv @ takes no argument");
                }

                argument = kind == ModifierKind.Power
                    ? ParseConstant("the exponent of pow")
                    : ParseInteger("control count", 1, UnitaryMatrix.MaxQubits * 4);
                Expect(TokenKind.RightParen, "after the modifier argument");
            }
            else if (kind == ModifierKind.Power)
            {
                throw Expected("'(' after pow (e.g. pow(2) @)");
            }

            if (kind == ModifierKind.Power && Math.Abs(argument) > _options.MaxPowerExponent)
            {
                throw location.Error($"pow exponent {argument} is out of range; expected at most {_options.MaxPowerExponent} in magnitude (QasmReaderOptions.MaxPowerExponent)");
            }

            Expect(TokenKind.At, "after the modifier");
            (modifiers ??= []).Add(new Modifier(kind, argument, location));
        }

        return modifiers is null ? NoModifiers : [.. modifiers];
    }
}
