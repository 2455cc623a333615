using Qml.Abstractions.Circuits;

namespace Qml.Qasm.Syntax;

/// <summary>
/// A parameter expression. Evaluation yields an affine <see cref="Angle"/>: sums, differences,
/// products and quotients by constants keep it affine; anything else applied to an expression
/// that depends on an input symbol is an error naming the symbol, since circuits carry only
/// affine angles.
/// </summary>
internal abstract class Expr(SourceLocation location)
{
    public SourceLocation Location { get; } = location;

    /// <summary>Evaluates with <paramref name="parameters"/> bound to the enclosing gate's parameters.</summary>
    public abstract Angle Evaluate(ReadOnlySpan<Angle> parameters, IReadOnlyList<Symbol> symbols);

    /// <summary>True when the expression reads no gate parameter and no input symbol.</summary>
    public abstract bool IsConstant { get; }

    protected double RequireConstant(Angle value, string operation, IReadOnlyList<Symbol> symbols)
    {
        if (value.IsConstant)
        {
            return value.Constant;
        }

        var symbol = value.Terms[0].Symbol;
        var name = symbol < symbols.Count ? symbols[symbol].Name : $"#{symbol}";
        throw Location.Error($"input parameter '{name}' is used non-linearly ({operation}); angles must stay affine (c0 + c1*{name} + ...)");
    }
}

internal sealed class NumberExpr(SourceLocation location, double value) : Expr(location)
{
    public double Value { get; } = value;

    public override bool IsConstant => true;

    public override Angle Evaluate(ReadOnlySpan<Angle> parameters, IReadOnlyList<Symbol> symbols) => Angle.FromConstant(Value);
}

/// <summary>A gate parameter, by position.</summary>
internal sealed class ParameterExpr(SourceLocation location, int index) : Expr(location)
{
    public override bool IsConstant => false;

    public override Angle Evaluate(ReadOnlySpan<Angle> parameters, IReadOnlyList<Symbol> symbols) => parameters[index];
}

/// <summary>An OpenQASM 3 <c>input</c> parameter: a circuit symbol.</summary>
internal sealed class SymbolExpr(SourceLocation location, int symbol) : Expr(location)
{
    public override bool IsConstant => false;

    public override Angle Evaluate(ReadOnlySpan<Angle> parameters, IReadOnlyList<Symbol> symbols) => Angle.FromSymbol(symbol);
}

internal sealed class NegateExpr(SourceLocation location, Expr operand) : Expr(location)
{
    public override bool IsConstant => operand.IsConstant;

    public override Angle Evaluate(ReadOnlySpan<Angle> parameters, IReadOnlyList<Symbol> symbols)
    {
        var value = operand.Evaluate(parameters, symbols);
        return value.IsConstant ? Angle.FromConstant(-value.Constant) : -value;
    }
}

internal enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Power,
}

internal sealed class BinaryExpr(SourceLocation location, BinaryOperator op, Expr left, Expr right) : Expr(location)
{
    public override bool IsConstant => left.IsConstant && right.IsConstant;

    public override Angle Evaluate(ReadOnlySpan<Angle> parameters, IReadOnlyList<Symbol> symbols)
    {
        var a = left.Evaluate(parameters, symbols);
        var b = right.Evaluate(parameters, symbols);
        if (a.IsConstant && b.IsConstant)
        {
            // The common case (numbers and pi): plain arithmetic, no term bookkeeping.
            double x = a.Constant, y = b.Constant;
            return Angle.FromConstant(op switch
            {
                BinaryOperator.Add => x + y,
                BinaryOperator.Subtract => x - y,
                BinaryOperator.Multiply => x * y,
                BinaryOperator.Divide => x / y,
                _ => Math.Pow(x, y),
            });
        }

        switch (op)
        {
            case BinaryOperator.Add: return a + b;
            case BinaryOperator.Subtract: return a - b;
            case BinaryOperator.Multiply:
                if (a.IsConstant)
                {
                    return b * a.Constant;
                }

                return a * RequireConstant(b, "a product of two parameter expressions", symbols);
            case BinaryOperator.Divide:
                {
                    var divisor = RequireConstant(b, "as a divisor", symbols);
                    return a.IsConstant ? Angle.FromConstant(a.Constant / divisor) : a / divisor;
                }

            default:
                {
                    var exponent = RequireConstant(b, "as an exponent", symbols);
                    var baseValue = RequireConstant(a, "raised to a power", symbols);
                    return Angle.FromConstant(Math.Pow(baseValue, exponent));
                }
        }
    }
}

internal enum MathFunction
{
    Sin,
    Cos,
    Tan,
    Exp,
    Ln,
    Sqrt,
    Arcsin,
    Arccos,
    Arctan,
}

internal sealed class CallExpr(SourceLocation location, MathFunction function, Expr argument) : Expr(location)
{
    public override bool IsConstant => argument.IsConstant;

    public override Angle Evaluate(ReadOnlySpan<Angle> parameters, IReadOnlyList<Symbol> symbols)
    {
        var x = RequireConstant(argument.Evaluate(parameters, symbols), $"inside {function.ToString().ToLowerInvariant()}()", symbols);
        return Angle.FromConstant(function switch
        {
            MathFunction.Sin => Math.Sin(x),
            MathFunction.Cos => Math.Cos(x),
            MathFunction.Tan => Math.Tan(x),
            MathFunction.Exp => Math.Exp(x),
            MathFunction.Ln => Math.Log(x),
            MathFunction.Sqrt => Math.Sqrt(x),
            MathFunction.Arcsin => Math.Asin(x),
            MathFunction.Arccos => Math.Acos(x),
            _ => Math.Atan(x),
        });
    }
}
