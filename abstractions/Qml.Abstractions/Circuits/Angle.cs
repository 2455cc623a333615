using System.Globalization;
using System.Text;

namespace Qml.Abstractions.Circuits;

/// <summary>
/// A gate angle as an affine expression <c>c0 + Σ ci·symbol_i</c> over a circuit's symbols,
/// so that one circuit serves a whole batch of bindings. Symbols are referred to by their
/// index in <see cref="Circuit.Symbols"/>; terms are kept sorted by symbol, merged, and free of
/// zero coefficients, so equal expressions compare equal.
/// </summary>
public readonly struct Angle : IEquatable<Angle>
{
    private static readonly AngleTerm[] NoTerms = [];
    private readonly AngleTerm[]? _terms;

    private Angle(double constant, AngleTerm[] terms)
    {
        Constant = constant;
        _terms = terms;
    }

    /// <summary>The constant part <c>c0</c>.</summary>
    public double Constant { get; }

    /// <summary>The symbolic terms, sorted by symbol index.</summary>
    public ReadOnlySpan<AngleTerm> Terms => _terms ?? NoTerms;

    /// <summary>True when the angle depends on no symbol.</summary>
    public bool IsConstant => _terms is null || _terms.Length == 0;

    /// <summary>The constant angle 0 (also <c>default(Angle)</c>).</summary>
    public static Angle Zero => default;

    /// <summary>A constant angle of <paramref name="value"/> radians.</summary>
    public static Angle FromConstant(double value) => new(value, NoTerms);

    /// <summary><c>coefficient · symbol[symbol] + offset</c>.</summary>
    public static Angle FromSymbol(int symbol, double coefficient = 1.0, double offset = 0.0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(symbol);
        return coefficient == 0.0 ? FromConstant(offset) : new Angle(offset, [new AngleTerm(symbol, coefficient)]);
    }

    /// <summary>Builds an angle from arbitrary terms, merging repeated symbols and dropping zeros.</summary>
    public static Angle FromTerms(double constant, IEnumerable<AngleTerm> terms)
    {
        var merged = new SortedDictionary<int, double>();
        foreach (var term in terms)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(term.Symbol);
            merged[term.Symbol] = merged.GetValueOrDefault(term.Symbol) + term.Coefficient;
        }

        var result = merged.Where(kv => kv.Value != 0.0).Select(kv => new AngleTerm(kv.Key, kv.Value)).ToArray();
        return new Angle(constant, result);
    }

    /// <summary>A constant angle in radians, so numbers can be passed where angles are expected.</summary>
    public static implicit operator Angle(double value) => FromConstant(value);

    /// <summary>Evaluates the angle for one row of symbol values.</summary>
    public double Evaluate(ReadOnlySpan<double> symbolValues)
    {
        var value = Constant;
        foreach (var term in Terms)
        {
            value += term.Coefficient * symbolValues[term.Symbol];
        }

        return value;
    }

    /// <summary>The coefficient of <paramref name="symbol"/> (0 when the angle does not use it).</summary>
    public double CoefficientOf(int symbol)
    {
        foreach (var term in Terms)
        {
            if (term.Symbol == symbol)
            {
                return term.Coefficient;
            }
        }

        return 0.0;
    }

    /// <summary>The largest symbol index used, or -1.</summary>
    public int MaxSymbol => IsConstant ? -1 : _terms![^1].Symbol;

    /// <summary>Renumbers symbols through <paramref name="map"/> (old index → new index).</summary>
    public Angle MapSymbols(Func<int, int> map) =>
        IsConstant ? this : FromTerms(Constant, _terms!.Select(t => t with { Symbol = map(t.Symbol) }));

    /// <summary>Replaces symbols by values, keeping the angle affine.</summary>
    public Angle Bind(ReadOnlySpan<double> symbolValues) => FromConstant(Evaluate(symbolValues));

    /// <summary>The sum of two expressions; terms of the same symbol are merged.</summary>
    public static Angle operator +(Angle a, Angle b)
    {
        // Parsers and decompositions add constants to angles all the time: keep that cheap.
        if (b.IsConstant)
        {
            return new Angle(a.Constant + b.Constant, a._terms ?? NoTerms);
        }

        if (a.IsConstant)
        {
            return new Angle(a.Constant + b.Constant, b._terms ?? NoTerms);
        }

        return FromTerms(a.Constant + b.Constant, a.Terms.ToArray().Concat(b.Terms.ToArray()));
    }

    /// <summary>The difference of two expressions; terms of the same symbol are merged.</summary>
    public static Angle operator -(Angle a, Angle b) => a + (-b);

    /// <summary>The negated expression (constant and every coefficient).</summary>
    public static Angle operator -(Angle a) => a * -1.0;

    /// <summary>The expression scaled by <paramref name="k"/> (constant and every coefficient); scaling by 0 gives <see cref="Zero"/>.</summary>
    public static Angle operator *(Angle a, double k)
    {
        if (k == 0.0)
        {
            return Zero;
        }

        if (a.IsConstant)
        {
            return FromConstant(a.Constant * k);
        }

        var terms = new AngleTerm[a._terms!.Length];
        for (var i = 0; i < terms.Length; i++)
        {
            terms[i] = a._terms[i] with { Coefficient = a._terms[i].Coefficient * k };
        }

        return new Angle(a.Constant * k, terms);
    }

    /// <summary>The expression scaled by <paramref name="k"/>; the same as <c>a * k</c>.</summary>
    public static Angle operator *(double k, Angle a) => a * k;

    /// <summary>The expression scaled by 1/<paramref name="k"/>.</summary>
    public static Angle operator /(Angle a, double k) => a * (1.0 / k);

    /// <summary>Exact equality of the constant and of every (symbol, coefficient) term; no tolerance.</summary>
    public bool Equals(Angle other) =>
        Constant.Equals(other.Constant) && Terms.SequenceEqual(other.Terms);

    /// <summary>True when <paramref name="obj"/> is an <see cref="Angle"/> equal to this one.</summary>
    public override bool Equals(object? obj) => obj is Angle other && Equals(other);

    /// <summary>A hash consistent with <see cref="Equals(Angle)"/>.</summary>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Constant);
        foreach (var term in Terms)
        {
            hash.Add(term);
        }

        return hash.ToHashCode();
    }

    /// <summary>Exact equality; see <see cref="Equals(Angle)"/>.</summary>
    public static bool operator ==(Angle left, Angle right) => left.Equals(right);

    /// <summary>Exact inequality; see <see cref="Equals(Angle)"/>.</summary>
    public static bool operator !=(Angle left, Angle right) => !left.Equals(right);

    /// <summary>The expression with symbols written <c>s{index}</c>, e.g. <c>2*s0 - s1 + 0.5</c>; see <see cref="Format"/>.</summary>
    public override string ToString() => Format(null);

    /// <summary>Formats the expression with symbol names (or <c>s{index}</c> without them).</summary>
    public string Format(IReadOnlyList<Symbol>? symbols)
    {
        var text = new StringBuilder();
        foreach (var term in Terms)
        {
            var name = symbols is not null && term.Symbol < symbols.Count ? symbols[term.Symbol].Name : $"s{term.Symbol}";
            var sign = term.Coefficient < 0 ? "-" : "+";
            var magnitude = Math.Abs(term.Coefficient);
            if (text.Length > 0 || sign == "-")
            {
                text.Append(text.Length > 0 ? $" {sign} " : sign);
            }

            text.Append(magnitude == 1.0 ? name : $"{magnitude.ToString("R", CultureInfo.InvariantCulture)}*{name}");
        }

        if (text.Length == 0)
        {
            return Constant.ToString("R", CultureInfo.InvariantCulture);
        }

        if (Constant != 0.0)
        {
            text.Append(Constant < 0 ? " - " : " + ").Append(Math.Abs(Constant).ToString("R", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
