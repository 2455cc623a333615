using System.Globalization;
using Qml.Abstractions.Circuits;
using Qml.Qasm.Semantics;
using Qml.Qasm.Syntax;

namespace Qml.Qasm;

/// <summary>Statements shared by OpenQASM 2.0 and 3: includes, registers, gates, measure,
/// reset, barrier, and OpenQASM 2's <c>if</c>.</summary>
internal sealed partial class QasmParser
{
    private GateDef _globalPhase = null!;

    private void ParseVersion()
    {
        if (!IsWord("OPENQASM"))
        {
            // OpenQASM 3 makes the version statement optional; OpenQASM 2 programs always have it.
            _version = QasmVersion.V3;
            return;
        }

        Advance();
        if (_token.Kind is not (TokenKind.Integer or TokenKind.Real))
        {
            throw Expected("a version number after OPENQASM (2.0 or 3.0)");
        }

        var text = Text(_token).ToString();
        var location = Here;
        Advance();
        _version = text is "2.0" or "2" ? QasmVersion.V2
            : text == "3" || text.StartsWith("3.", StringComparison.Ordinal) ? QasmVersion.V3
            : throw location.Error($"unsupported OpenQASM version '{text}'; expected 2.0 or 3.0");
        Expect(TokenKind.Semicolon, "after the version");
    }

    private void DefineBuiltins()
    {
        AddGate(GateLibrary.BuiltinU("built-in"), null);
        if (IsV2)
        {
            AddGate(GateLibrary.BuiltinCX("built-in"), null);
        }

        _globalPhase = GateLibrary.GlobalPhase("built-in");
    }

    private void AddGate(GateDef gate, SourceLocation? includeSite)
    {
        if (includeSite is { } site && _declared.TryGetValue(gate.Name, out var previous))
        {
            throw site.Error($"duplicate declaration: '{gate.Name}' from {gate.Location.File} is already declared at {previous.File}:{previous.Line}:{previous.Column}");
        }

        _declared[gate.Name] = gate.Location;
        _gates[gate.Name] = gate;
    }

    private void ParseStatement()
    {
        _emitter.Site = Here;
        var token = _token;
        if (token.Kind != TokenKind.Identifier)
        {
            if (!IsV2)
            {
                switch (token.Kind)
                {
                    case TokenKind.Other when Text(token) is "#":
                        throw Here.Error("not supported: pragmas");
                    case TokenKind.At:
                        throw Here.Error("not supported: annotations");
                    case TokenKind.LeftBrace:
                        throw Here.Error("not supported: scoped blocks");
                    case TokenKind.HardwareQubit:
                        break;
                }
            }

            throw Expected("a statement");
        }

        switch (Text(token))
        {
            case "OPENQASM":
                throw Here.Error("the version statement must be the first statement of the file");
            case "include":
                ParseInclude();
                return;
            case "qreg":
                ParseOldRegister(quantum: true);
                return;
            case "creg":
                ParseOldRegister(quantum: false);
                return;
            case "gate":
                ParseGateDefinition();
                return;
            case "opaque":
                ParseOpaque();
                return;
            case "barrier":
                ParseBarrier();
                return;
            case "measure":
                ParseMeasureArrow();
                return;
            case "reset":
                ParseReset();
                return;
            case "if" when IsV2:
                ParseIf();
                return;
        }

        if (!IsV2 && ParseQasm3Statement(Text(token)))
        {
            return;
        }

        ParseGateApplication();
    }

    // ---- include -------------------------------------------------------------------------------

    private void ParseInclude()
    {
        var location = Here;
        if (_includeDepth > 0 && _gateParameters is not null)
        {
            throw location.Error("include is only allowed at the top level");
        }

        Advance();
        var pathToken = Expect(TokenKind.String, "after include (a file name in quotes)");
        Expect(TokenKind.Semicolon, "after the include");
        var path = Text(pathToken)[1..^1].ToString();
        switch (path)
        {
            case GateLibrary.Qelib1:
                IncludeLibrary(path, GateLibrary.Qelib1Natives(), GateLibrary.Qelib1Bodies, location);
                return;
            case GateLibrary.StdGates:
                IncludeLibrary(path, GateLibrary.StdGatesNatives(), GateLibrary.StdGatesBodies, location);
                return;
        }

        string full;
        try
        {
            var directory = Path.GetDirectoryName(_lexer.File) ?? string.Empty;
            full = Path.GetFullPath(Path.Combine(directory, path));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw location.Error($"include path '{path}' is not a valid file name");
        }

        if (!File.Exists(full))
        {
            throw location.Error($"include file '{path}' not found (looked for {full}); only qelib1.inc and stdgates.inc are built in");
        }

        string text;
        try
        {
            if (new FileInfo(full).Length > _options.MaxFileSize)
            {
                throw location.Error($"include file '{path}' is larger than {_options.MaxFileSize} characters (QasmReaderOptions.MaxFileSize)");
            }

            text = File.ReadAllText(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw location.Error($"include file '{path}' cannot be read: {e.Message}");
        }

        ParseSource(text, full, location);
    }

    private void IncludeLibrary(string name, IEnumerable<GateDef> natives, string bodies, SourceLocation location)
    {
        if (!_libraries.Add(name))
        {
            return;
        }

        foreach (var gate in natives)
        {
            AddGate(gate, location);
        }

        ParseSource(bodies, name, location);
    }

    /// <summary>Parses an included file's statements into the same program.</summary>
    private void ParseSource(string text, string file, SourceLocation site)
    {
        if (_includeDepth >= _options.MaxIncludeDepth)
        {
            throw site.Error($"includes nested more than {_options.MaxIncludeDepth} levels deep (does a file include itself?)");
        }

        var savedLexer = _lexer;
        var savedToken = _token;
        var savedSite = _emitter.Site;
        _includeDepth++;
        try
        {
            _lexer = new Lexer(text, file);
            Advance();
            if (IsWord("OPENQASM"))
            {
                var version = _version;
                ParseVersion();
                if (version != _version)
                {
                    throw site.Error($"included file '{file}' declares another OpenQASM version than the file including it");
                }
            }

            while (_token.Kind != TokenKind.End)
            {
                ParseStatement();
            }
        }
        finally
        {
            _includeDepth--;
            _lexer = savedLexer;
            _token = savedToken;
            _emitter.Site = savedSite;
        }
    }

    // ---- registers -----------------------------------------------------------------------------

    private void ParseOldRegister(bool quantum)
    {
        Advance();
        var nameToken = ExpectIdentifier("a register name");
        Expect(TokenKind.LeftBracket, "after the register name (e.g. q[2])");
        var size = ParseInteger("register size", 1, quantum ? _options.MaxQubits : _options.MaxClassicalBits);
        Expect(TokenKind.RightBracket, "after the register size");
        Expect(TokenKind.Semicolon, "after the register declaration");
        DeclareRegister(Text(nameToken).ToString(), At(nameToken), size, quantum);
    }

    private void DeclareRegister(string name, SourceLocation location, int size, bool quantum)
    {
        Declare(name, location, "register");
        if (quantum)
        {
            if (_physicalQubits > 0)
            {
                throw location.Error("qubit registers cannot be declared in a program that uses physical qubits ($n)");
            }

            if ((long)_qubitCount + size > _options.MaxQubits)
            {
                throw location.Error($"the program declares {(long)_qubitCount + size} qubits; the limit is {_options.MaxQubits} (QasmReaderOptions.MaxQubits)");
            }

            _registers[name] = new Register(name, _qubitCount, size, true, location);
            _qubitCount += size;
        }
        else
        {
            if ((long)_bitCount + size > _options.MaxClassicalBits)
            {
                throw location.Error($"the program declares {(long)_bitCount + size} classical bits; the limit is {_options.MaxClassicalBits} (QasmReaderOptions.MaxClassicalBits)");
            }

            _registers[name] = new Register(name, _bitCount, size, false, location);
            _bitCount += size;
        }
    }

    // ---- gate definitions ----------------------------------------------------------------------

    private void ParseGateDefinition()
    {
        Advance();
        var nameToken = ExpectIdentifier("a gate name after 'gate'");
        var name = Text(nameToken).ToString();
        var location = At(nameToken);
        CheckNewName(name, location, "gate");
        var (parameters, qubits) = ParseSignature(name);
        Expect(TokenKind.LeftBrace, $"to open the body of gate '{name}'");
        var gate = new GateDef(name, parameters.Length, qubits.Length, GateForm.Body, location) { ExpandedSize = 0 };
        _gateParameters = parameters;
        try
        {
            while (_token.Kind != TokenKind.RightBrace)
            {
                if (_token.Kind == TokenKind.End)
                {
                    throw Expected($"'}}' to close the body of gate '{name}'");
                }

                ParseBodyStatement(gate, qubits);
            }
        }
        finally
        {
            _gateParameters = null;
        }

        Advance();
        Declare(name, location, "gate");
        _gates[name] = gate;
    }

    private void CheckNewName(string name, SourceLocation location, string what)
    {
        if (_declared.ContainsKey(name) || IsReservedName(name))
        {
            Declare(name, location, what);
        }
    }

    private (string[] Parameters, string[] Qubits) ParseSignature(string gateName)
    {
        var names = new List<string>();
        var parameters = new List<string>();
        if (Accept(TokenKind.LeftParen) && !Accept(TokenKind.RightParen))
        {
            do
            {
                parameters.Add(ParseUniqueName(names, gateName, "parameter"));
            }
            while (Accept(TokenKind.Comma));
            Expect(TokenKind.RightParen, "after the gate parameters");
        }

        var qubits = new List<string>();
        do
        {
            qubits.Add(ParseUniqueName(names, gateName, "qubit argument"));
        }
        while (Accept(TokenKind.Comma));
        return ([.. parameters], [.. qubits]);
    }

    private string ParseUniqueName(List<string> names, string gateName, string what)
    {
        var location = Here;
        var token = ExpectIdentifier($"a {what} name for gate '{gateName}'");
        var name = Text(token).ToString();
        if (names.Contains(name))
        {
            throw location.Error($"duplicate declaration: '{name}' appears twice in the signature of gate '{gateName}'");
        }

        names.Add(name);
        return name;
    }

    private void ParseBodyStatement(GateDef gate, string[] qubitNames)
    {
        if (IsWord("barrier"))
        {
            // A barrier inside a gate has no effect on the state; its operands are still checked.
            Advance();
            do
            {
                ResolveBodyQubit(gate, qubitNames);
            }
            while (Accept(TokenKind.Comma));
            Expect(TokenKind.Semicolon, "after the barrier");
            return;
        }

        if (_token.Kind == TokenKind.Identifier && Text(_token) is "measure" or "reset" or "if" or "qreg" or "creg" or "gate" or "opaque" or "include" or "qubit" or "bit" or "input" or "const")
        {
            throw Here.Error($"'{Text(_token)}' is not allowed inside a gate body; expected a gate application");
        }

        var modifiers = ParseModifiers();
        if (_token.Kind == TokenKind.Identifier && Text(_token).SequenceEqual(gate.Name))
        {
            throw Here.Error($"recursive gate definition: '{gate.Name}' cannot apply itself");
        }

        var (target, location) = ParseGateName();
        var arguments = ParseArgumentList(target, location);
        var qubits = new List<int>();
        if (_token.Kind != TokenKind.Semicolon)
        {
            do
            {
                var qubitLocation = Here;
                var index = ResolveBodyQubit(gate, qubitNames);
                if (qubits.Contains(index))
                {
                    throw qubitLocation.Error($"qubit '{qubitNames[index]}' is used twice in one application of '{target.Name}'; a gate's qubits must be distinct");
                }

                qubits.Add(index);
            }
            while (Accept(TokenKind.Comma));
        }

        Expect(TokenKind.Semicolon, $"after the application of '{target.Name}'");
        CheckQubitCount(target, modifiers, qubits.Count, location);

        var factor = 1L;
        foreach (var modifier in modifiers)
        {
            factor = Saturate(factor * (modifier.Kind == ModifierKind.Power ? Math.Max(1L, (long)Math.Min(Math.Abs(modifier.Argument), 1 << 30)) : 1L));
        }

        gate.ExpandedSize = Saturate(gate.ExpandedSize + Saturate(target.ExpandedSize * factor));
        gate.Depth = Math.Max(gate.Depth, target.Depth + 1);
        if (gate.Depth > _options.MaxGateDepth)
        {
            throw location.Error($"gate definitions nest more than {_options.MaxGateDepth} levels deep (QasmReaderOptions.MaxGateDepth)");
        }

        gate.Body.Add(new GateStatement(target, modifiers, arguments, [.. qubits], location));
    }

    private static long Saturate(long value) => value is < 0 or > 1L << 40 ? 1L << 40 : value;

    private int ResolveBodyQubit(GateDef gate, string[] qubitNames)
    {
        var location = Here;
        var token = ExpectIdentifier($"a qubit argument of gate '{gate.Name}'");
        var name = Text(token);
        for (var i = 0; i < qubitNames.Length; i++)
        {
            if (name.SequenceEqual(qubitNames[i]))
            {
                if (_token.Kind == TokenKind.LeftBracket)
                {
                    throw Here.Error($"indexing is not allowed inside a gate body; '{qubitNames[i]}' is a single qubit");
                }

                return i;
            }
        }

        throw location.Error($"undefined qubit '{name}' in gate '{gate.Name}'; expected one of {string.Join(", ", qubitNames)}");
    }

    private void ParseOpaque()
    {
        Advance();
        var nameToken = ExpectIdentifier("a gate name after 'opaque'");
        var name = Text(nameToken).ToString();
        var location = At(nameToken);
        CheckNewName(name, location, "gate");
        var (parameters, qubits) = ParseSignature(name);
        Expect(TokenKind.Semicolon, "after the opaque declaration");
        Declare(name, location, "gate");
        _gates[name] = new GateDef(name, parameters.Length, qubits.Length, GateForm.Opaque, location);
    }

    // ---- gate applications ---------------------------------------------------------------------

    private (GateDef Gate, SourceLocation Location) ParseGateName()
    {
        var location = Here;
        if (!IsV2 && IsWord("gphase"))
        {
            Advance();
            return (_globalPhase, location);
        }

        var token = ExpectIdentifier("a gate name");
        if (_gateLookup.TryGetValue(Text(token), out var gate))
        {
            return (gate, location);
        }

        var name = Text(token).ToString();
        if (_registers.ContainsKey(name))
        {
            throw location.Error($"'{name}' is a register, not a gate; expected a gate name");
        }

        var library = IsV2 ? GateLibrary.Qelib1 : GateLibrary.StdGates;
        var hint = !_libraries.Contains(library) && (IsV2 ? GateLibrary.Qelib1Natives() : GateLibrary.StdGatesNatives()).Any(g => g.Name == name)
            ? $" (it is in {library}: add include \"{library}\";)"
            : string.Empty;
        throw location.Error($"undefined gate '{name}'{hint}");
    }

    private Expr[] ParseArgumentList(GateDef gate, SourceLocation location)
    {
        var arguments = new List<Expr>();
        if (Accept(TokenKind.LeftParen) && !Accept(TokenKind.RightParen))
        {
            do
            {
                arguments.Add(ParseExpression());
            }
            while (Accept(TokenKind.Comma));
            Expect(TokenKind.RightParen, "after the gate parameters");
        }

        if (arguments.Count != gate.ParameterCount)
        {
            throw location.Error($"gate '{gate.Name}' takes {gate.ParameterCount} parameter(s); got {arguments.Count}");
        }

        return [.. arguments];
    }

    private static void CheckQubitCount(GateDef gate, Modifier[] modifiers, int count, SourceLocation location)
    {
        var expected = gate.QubitCount;
        foreach (var modifier in modifiers)
        {
            expected += modifier.AddedQubits;
        }

        if (count != expected)
        {
            throw location.Error($"gate '{gate.Name}' acts on {expected} qubit(s){(expected == gate.QubitCount ? string.Empty : " with its control modifiers")}; got {count}");
        }
    }

    private void ParseGateApplication()
    {
        var modifiers = ParseModifiers();
        var (gate, location) = ParseGateName();
        var expressions = ParseArgumentList(gate, location);
        var arguments = expressions.Length == 0 ? [] : new Angle[expressions.Length];
        for (var i = 0; i < expressions.Length; i++)
        {
            arguments[i] = EvaluateArgument(expressions[i]);
        }

        var operands = ParseOperands(quantum: true, TokenKind.Semicolon);
        Advance();
        CheckQubitCount(gate, modifiers, operands.Count, location);
        var count = BroadcastCount(operands);
        _emitter.Reserve(Saturate(gate.ExpandedSize * count));
        Span<int> qubits = operands.Count <= 32 ? stackalloc int[operands.Count] : new int[operands.Count];
        for (var instance = 0; instance < count; instance++)
        {
            for (var j = 0; j < qubits.Length; j++)
            {
                qubits[j] = Element(operands[j], instance);
                for (var k = 0; k < j; k++)
                {
                    if (qubits[k] == qubits[j])
                    {
                        throw operands[j].Location.Error($"qubit {Describe(operands[j], instance)} is used twice in one application of '{gate.Name}'; a gate's qubits must be distinct");
                    }
                }
            }

            _expander.Apply(gate, modifiers, arguments, qubits, _emitter, location);
        }
    }

    // ---- measure, reset, barrier, if ---------------------------------------------------------

    private void ParseMeasureArrow()
    {
        var location = Here;
        Advance();
        var qubit = ParseOperand(quantum: true);
        if (_token.Kind == TokenKind.Semicolon && !IsV2)
        {
            throw Here.Error("not supported: measure without a target bit; expected 'c = measure q;' or 'measure q -> c;'");
        }

        Expect(TokenKind.Arrow, "after the measured qubits");
        var bit = ParseOperand(quantum: false);
        Expect(TokenKind.Semicolon, "after the measurement");
        EmitMeasure(qubit, bit, location);
    }

    private void EmitMeasure(Operand qubit, Operand bit, SourceLocation location)
    {
        if (qubit.Whole != bit.Whole || (qubit.Whole && qubit.Size != bit.Size))
        {
            throw location.Error($"measure needs a qubit and a bit, or two registers of equal size; got {qubit.Size} qubit(s){(qubit.Whole ? " (register)" : string.Empty)} and {bit.Size} bit(s){(bit.Whole ? " (register)" : string.Empty)}");
        }

        var count = qubit.Whole ? qubit.Size : 1;
        _emitter.Reserve(count);
        for (var i = 0; i < count; i++)
        {
            _emitter.Add(Operation.Measure(qubit.Offset + i, bit.Offset + i));
        }
    }

    private void ParseReset()
    {
        Advance();
        var qubit = ParseOperand(quantum: true);
        Expect(TokenKind.Semicolon, "after the reset");
        var count = qubit.Whole ? qubit.Size : 1;
        _emitter.Reserve(count);
        for (var i = 0; i < count; i++)
        {
            _emitter.Add(Operation.Reset(qubit.Offset + i));
        }
    }

    private void ParseBarrier()
    {
        Advance();
        var operands = ParseOperands(quantum: true, TokenKind.Semicolon);
        if (operands.Count == 0 && IsV2)
        {
            throw Expected("the qubits of the barrier");
        }

        Advance();
        var qubits = new List<int>();
        var seen = new HashSet<int>();
        if (operands.Count == 0)
        {
            qubits.AddRange(Enumerable.Range(0, Math.Max(_qubitCount, _physicalQubits)));
        }

        foreach (var operand in operands)
        {
            for (var i = 0; i < operand.Size; i++)
            {
                if (seen.Add(operand.Offset + i))
                {
                    qubits.Add(operand.Offset + i);
                }
            }
        }

        if (qubits.Count > 0)
        {
            _emitter.Add(Operation.Barrier([.. qubits]));
        }
    }

    private void ParseIf()
    {
        Advance();
        Expect(TokenKind.LeftParen, "after 'if'");
        var register = ParseOperand(quantum: false);
        Expect(TokenKind.EqualEqual, "in the condition (if (creg == n))");
        var valueLocation = Here;
        if (_token.Kind != TokenKind.Integer)
        {
            throw Expected("an integer in the condition (if (creg == n))");
        }

        if (!ulong.TryParse(Text(_token), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw valueLocation.Error($"condition value {Text(_token)} is out of range; expected 0..{ulong.MaxValue}");
        }

        Advance();
        Expect(TokenKind.RightParen, "to close the condition");
        if (register.Size > 64)
        {
            throw register.Location.Error($"conditions on registers of more than 64 bits are not supported; '{register.Register!.Name}' has {register.Size}");
        }

        var condition = new ClassicalCondition([.. Enumerable.Range(register.Offset, register.Size)], value);
        var start = _emitter.Operations.Count;
        if (_token.Kind != TokenKind.Identifier || Text(_token) is "if" or "barrier" or "gate" or "opaque" or "qreg" or "creg" or "include")
        {
            throw Expected("a gate, measure or reset after the condition");
        }

        ParseStatement();
        var operations = _emitter.Operations;
        for (var i = start; i < operations.Count; i++)
        {
            operations[i] = operations[i].WithCondition(condition);
        }
    }
}
