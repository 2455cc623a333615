using System.Globalization;
using Qml.Abstractions.Circuits;
using Qml.Qasm.Semantics;
using Qml.Qasm.Syntax;

namespace Qml.Qasm;

/// <summary>
/// Reads one program into a circuit in a single pass: statements are checked and expanded as
/// they are parsed, so only gate bodies are kept as syntax. This file holds the token
/// machinery, expressions and operands; the statements live in the other parts.
/// </summary>
internal sealed partial class QasmParser
{
    private readonly QasmReaderOptions _options;
    private readonly Dictionary<string, GateDef> _gates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Register> _registers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _constants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _inputs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourceLocation> _declared = new(StringComparer.Ordinal);
    private readonly HashSet<string> _libraries = new(StringComparer.Ordinal);
    private readonly List<Symbol> _symbols = [];
    private readonly Emitter _emitter;
    private readonly GateExpander _expander;
    private readonly List<Operand> _operands = [];
    private Dictionary<string, GateDef>.AlternateLookup<ReadOnlySpan<char>> _gateLookup;
    private Dictionary<string, Register>.AlternateLookup<ReadOnlySpan<char>> _registerLookup;
    private Lexer _lexer = null!;
    private Token _token;
    private QasmVersion _version = QasmVersion.V3;
    private int _qubitCount;
    private int _bitCount;
    private int _physicalQubits;
    private int _includeDepth;
    private int _expressionDepth;

    /// <summary>The parameters of the gate whose body is being parsed; null at top level.</summary>
    private string[]? _gateParameters;

    public QasmParser(QasmReaderOptions options)
    {
        _options = options;
        _emitter = new Emitter(options.MaxOperations);
        _expander = new GateExpander(_symbols);
        _gateLookup = _gates.GetAlternateLookup<ReadOnlySpan<char>>();
        _registerLookup = _registers.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private bool IsV2 => _version == QasmVersion.V2;

    /// <summary>The statement being read: where an unexpected failure is reported.</summary>
    public SourceLocation CurrentSite => _emitter.Site;

    public Circuit Parse(string text, string file)
    {
        if (text.Length > _options.MaxFileSize)
        {
            throw new QasmException(file, 1, 1, $"the file has {text.Length} characters; the limit is {_options.MaxFileSize} (QasmReaderOptions.MaxFileSize)");
        }

        _lexer = new Lexer(text, file);
        Advance();
        ParseVersion();
        DefineBuiltins();
        while (_token.Kind != TokenKind.End)
        {
            ParseStatement();
        }

        var qubits = Math.Max(_qubitCount, _physicalQubits);
        return new Circuit(qubits, _bitCount, _symbols, _emitter.Operations, _emitter.Phase);
    }

    // ---- tokens ----------------------------------------------------------------------------

    private void Advance() => _token = _lexer.Next();

    private SourceLocation Here => _lexer.Location(_token);

    private SourceLocation At(Token token) => _lexer.Location(token);

    private ReadOnlySpan<char> Text(Token token) => _lexer.Slice(token);

    private bool IsWord(string word) => _token.Kind == TokenKind.Identifier && Text(_token).SequenceEqual(word);

    private string Found()
    {
        if (_token.Kind == TokenKind.End)
        {
            return "end of file";
        }

        var text = Text(_token);
        return text.Length > 24 ? $"'{text[..24]}…'" : $"'{text}'";
    }

    private QasmException Expected(string what) => Here.Error($"expected {what}, found {Found()}");

    private Token Expect(TokenKind kind, string context)
    {
        if (_token.Kind != kind)
        {
            throw Expected($"{Token.Describe(kind)} {context}");
        }

        var token = _token;
        Advance();
        return token;
    }

    private Token ExpectIdentifier(string what)
    {
        if (_token.Kind != TokenKind.Identifier)
        {
            throw Expected(what);
        }

        var token = _token;
        Advance();
        return token;
    }

    private bool Accept(TokenKind kind)
    {
        if (_token.Kind != kind)
        {
            return false;
        }

        Advance();
        return true;
    }

    private void Declare(string name, SourceLocation location, string what)
    {
        if (_declared.TryGetValue(name, out var previous))
        {
            var where = previous.Line == 0 ? $"by {previous.File}" : $"at {previous.File}:{previous.Line}:{previous.Column}";
            throw location.Error($"duplicate declaration: '{name}' is already declared {where}; expected a new name for this {what}");
        }

        if (IsReservedName(name))
        {
            throw location.Error($"'{name}' is a reserved word; expected a name for this {what}");
        }

        _declared[name] = location;
    }

    private bool IsReservedName(string name) => name switch
    {
        "pi" or "OPENQASM" or "include" or "qreg" or "creg" or "gate" or "opaque" or "barrier" or "measure" or "reset" or "if" or "U" => true,
        "sin" or "cos" or "tan" or "exp" or "ln" or "sqrt" => true,
        _ => !IsV2 && Qasm3Keywords.Contains(name),
    };

    // ---- expressions -----------------------------------------------------------------------

    /// <summary>Parses an expression; identifiers resolve to the current gate's parameters,
    /// constants and inputs (top level), and the built-in constants.</summary>
    private Expr ParseExpression()
    {
        var left = ParseTerm();
        while (_token.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var location = Here;
            var op = _token.Kind == TokenKind.Plus ? BinaryOperator.Add : BinaryOperator.Subtract;
            Advance();
            left = Binary(location, op, left, ParseTerm());
        }

        return left;
    }

    private Expr ParseTerm()
    {
        var left = ParseUnary();
        while (_token.Kind is TokenKind.Star or TokenKind.Slash)
        {
            var location = Here;
            var op = _token.Kind == TokenKind.Star ? BinaryOperator.Multiply : BinaryOperator.Divide;
            Advance();
            left = Binary(location, op, left, ParseUnary());
        }

        return left;
    }

    private Expr ParseUnary()
    {
        EnterExpression();
        try
        {
            if (_token.Kind is TokenKind.Minus or TokenKind.Plus)
            {
                var location = Here;
                var negate = _token.Kind == TokenKind.Minus;
                Advance();
                var operand = ParseUnary();
                return !negate ? operand
                    : operand is NumberExpr number ? new NumberExpr(location, -number.Value)
                    : new NegateExpr(location, operand);
            }

            var primary = ParsePrimary();
            if (_token.Kind == TokenKind.StarStar || (_token.Kind == TokenKind.Caret && IsV2))
            {
                var location = Here;
                Advance();
                return Binary(location, BinaryOperator.Power, primary, ParseUnary());
            }

            if (_token.Kind == TokenKind.Caret)
            {
                throw Here.Error("not supported: '^' (bitwise xor) in OpenQASM 3; expected '**' for a power");
            }

            return primary;
        }
        finally
        {
            _expressionDepth--;
        }
    }

    private void EnterExpression()
    {
        if (++_expressionDepth > _options.MaxExpressionDepth)
        {
            throw Here.Error($"expression nested more than {_options.MaxExpressionDepth} levels deep (QasmReaderOptions.MaxExpressionDepth)");
        }
    }

    private Expr ParsePrimary()
    {
        var token = _token;
        var location = Here;
        switch (token.Kind)
        {
            case TokenKind.Integer:
            case TokenKind.Real:
                Advance();
                return new NumberExpr(location, double.Parse(Text(token), NumberStyles.Float, CultureInfo.InvariantCulture));
            case TokenKind.LeftParen:
                {
                    Advance();
                    var inner = ParseExpression();
                    Expect(TokenKind.RightParen, "to close '('");
                    return inner;
                }

            case TokenKind.Identifier:
                Advance();
                if (_token.Kind == TokenKind.LeftParen && Function(Text(token)) is { } function)
                {
                    Advance();
                    var argument = ParseExpression();
                    Expect(TokenKind.RightParen, $"to close {Text(token)}(");
                    var call = new CallExpr(location, function, argument);
                    return argument is NumberExpr ? Fold(call) : call;
                }

                return Identifier(token, location);
            default:
                throw Expected("an expression (a number, pi, a parameter or '(')");
        }
    }

    private MathFunction? Function(ReadOnlySpan<char> name) => name switch
    {
        "sin" => MathFunction.Sin,
        "cos" => MathFunction.Cos,
        "tan" => MathFunction.Tan,
        "exp" => MathFunction.Exp,
        "ln" => MathFunction.Ln,
        "sqrt" => MathFunction.Sqrt,
        "arcsin" when !IsV2 => MathFunction.Arcsin,
        "arccos" when !IsV2 => MathFunction.Arccos,
        "arctan" when !IsV2 => MathFunction.Arctan,
        _ => null,
    };

    private Expr Identifier(Token token, SourceLocation location)
    {
        var name = Text(token);
        if (_gateParameters is not null)
        {
            for (var i = 0; i < _gateParameters.Length; i++)
            {
                if (name.SequenceEqual(_gateParameters[i]))
                {
                    return new ParameterExpr(location, i);
                }
            }
        }

        switch (name)
        {
            case "pi":
                return new NumberExpr(location, Math.PI);
            case "π" or "tau" or "τ" or "euler" or "ℇ" when !IsV2:
                return new NumberExpr(location, name is "euler" or "ℇ" ? Math.E : name is "π" ? Math.PI : 2 * Math.PI);
        }

        var text = name.ToString();
        if (_constants.TryGetValue(text, out var value))
        {
            return new NumberExpr(location, value);
        }

        if (_inputs.TryGetValue(text, out var symbol))
        {
            if (_gateParameters is not null)
            {
                throw location.Error($"input '{text}' cannot be used inside a gate definition; expected a gate parameter (pass '{text}' as an argument)");
            }

            return new SymbolExpr(location, symbol);
        }

        var expected = _gateParameters is null
            ? "a number, pi" + (IsV2 ? string.Empty : ", a const or an input")
            : $"a number, pi or a parameter of the gate ({string.Join(", ", _gateParameters)})";
        throw location.Error($"undefined identifier '{text}'; expected {expected}");
    }

    private Expr Binary(SourceLocation location, BinaryOperator op, Expr left, Expr right)
    {
        var node = new BinaryExpr(location, op, left, right);
        return left is NumberExpr && right is NumberExpr ? Fold(node) : node;
    }

    /// <summary>Evaluates a constant node now, so long constant chains never nest.</summary>
    private NumberExpr Fold(Expr node) => new(node.Location, node.Evaluate([], _symbols).Constant);

    /// <summary>Evaluates a top-level argument: affine in the inputs, finite.</summary>
    private Angle EvaluateArgument(Expr expression)
    {
        var value = expression.Evaluate([], _symbols);
        if (!double.IsFinite(value.Constant))
        {
            throw expression.Location.Error($"the parameter evaluates to {value.Constant.ToString(CultureInfo.InvariantCulture)}; expected a finite number");
        }

        return value;
    }

    /// <summary>A constant expression such as a size, index or modifier argument.</summary>
    private double ParseConstant(string what)
    {
        var location = Here;
        var expression = ParseExpression();
        if (!expression.IsConstant)
        {
            throw location.Error($"expected a constant for {what}, not an expression of inputs or parameters");
        }

        return expression.Evaluate([], _symbols).Constant;
    }

    private int ParseInteger(string what, int min, int max)
    {
        var location = Here;
        double value;
        if (_token.Kind == TokenKind.Integer)
        {
            var text = Text(_token);
            Advance();
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var integer) || integer > max)
            {
                throw location.Error($"{what} {text} is out of range; expected {min}..{max}");
            }

            value = integer;
        }
        else if (IsV2)
        {
            throw Expected($"an integer {what}");
        }
        else
        {
            value = ParseConstant(what);
        }

        if (value != Math.Floor(value) || value < min || value > max)
        {
            throw location.Error($"{what} {value.ToString(CultureInfo.InvariantCulture)} is out of range; expected an integer in {min}..{max}");
        }

        return (int)value;
    }

    // ---- operands ----------------------------------------------------------------------------

    /// <summary>A register or one element of it, as a flat index range.</summary>
    private readonly record struct Operand(int Offset, int Size, bool Whole, SourceLocation Location, Register? Register);

    private Operand ParseOperand(bool quantum)
    {
        var location = Here;
        if (_token.Kind == TokenKind.HardwareQubit && !IsV2 && quantum)
        {
            var text = Text(_token)[1..];
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= _options.MaxQubits)
            {
                throw location.Error($"physical qubit ${text} is out of range; expected $0..${_options.MaxQubits - 1}");
            }

            if (_qubitCount > 0)
            {
                throw location.Error("physical qubits ($n) cannot be mixed with declared qubit registers");
            }

            Advance();
            _physicalQubits = Math.Max(_physicalQubits, index + 1);
            return new Operand(index, 1, false, location, null);
        }

        var nameToken = ExpectIdentifier(quantum ? "a qubit register" : "a classical register");
        if (!_registerLookup.TryGetValue(Text(nameToken), out var register))
        {
            throw location.Error($"undefined {(quantum ? "quantum" : "classical")} register '{Text(nameToken)}'");
        }

        if (register.IsQuantum != quantum)
        {
            throw location.Error($"'{register.Name}' is a {(register.IsQuantum ? "quantum" : "classical")} register; expected a {(quantum ? "qubit" : "classical")} register");
        }

        if (!Accept(TokenKind.LeftBracket))
        {
            return new Operand(register.Offset, register.Size, true, location, register);
        }

        if (_token.Kind == TokenKind.LeftBrace)
        {
            throw Here.Error("not supported: index sets ({...}) on registers");
        }

        var indexLocation = Here;
        var index2 = ParseInteger("index", 0, int.MaxValue);
        if (_token.Kind == TokenKind.Colon)
        {
            throw Here.Error("not supported: register slices (a:b)");
        }

        Expect(TokenKind.RightBracket, "after the index");
        if (index2 >= register.Size)
        {
            throw indexLocation.Error($"index {index2} is out of range for register '{register.Name}' of size {register.Size}; expected 0..{register.Size - 1}");
        }

        return new Operand(register.Offset + index2, 1, false, location, register);
    }

    /// <summary>Parses comma-separated operands up to (not including) the terminator.</summary>
    private List<Operand> ParseOperands(bool quantum, TokenKind terminator)
    {
        _operands.Clear();
        if (_token.Kind == terminator)
        {
            return _operands;
        }

        do
        {
            _operands.Add(ParseOperand(quantum));
        }
        while (Accept(TokenKind.Comma));
        if (_token.Kind != terminator)
        {
            throw Expected($"',' or {Token.Describe(terminator)}");
        }

        return _operands;
    }

    /// <summary>How many times a statement repeats: 1, or the common size of whole registers.</summary>
    private static int BroadcastCount(List<Operand> operands)
    {
        var count = 1;
        Operand? first = null;
        foreach (var operand in operands)
        {
            if (!operand.Whole)
            {
                continue;
            }

            if (first is { } f && operand.Size != f.Size)
            {
                throw operand.Location.Error($"register '{operand.Register!.Name}' has size {operand.Size} but '{f.Register!.Name}' has size {f.Size}; broadcasting needs registers of equal size");
            }

            first ??= operand;
            count = operand.Size;
        }

        return count;
    }

    private static int Element(Operand operand, int instance) => operand.Whole ? operand.Offset + instance : operand.Offset;

    private static string Describe(Operand operand, int instance) =>
        operand.Register is null ? $"${operand.Offset}" : $"{operand.Register.Name}[{Element(operand, instance) - operand.Register.Offset}]";
}

/// <summary>A declared register: a contiguous range of the circuit's qubits or bits.</summary>
internal sealed record Register(string Name, int Offset, int Size, bool IsQuantum, SourceLocation Location);
