using System.Collections.Immutable;
using System.Globalization;

namespace Qml.Abstractions.Observables;

/// <summary>A Hermitian observable as a real-weighted sum of Pauli strings.</summary>
public sealed class Observable : IEquatable<Observable>
{
    /// <summary>Sums <paramref name="terms"/> as given (repeated strings are not merged).</summary>
    /// <exception cref="ArgumentException">A coefficient is NaN or infinite.</exception>
    public Observable(IEnumerable<PauliTerm> terms)
    {
        Terms = [.. terms];
        foreach (var term in Terms)
        {
            if (!double.IsFinite(term.Coefficient))
            {
                throw new ArgumentException($"Observable term {term.Pauli} has a non-finite coefficient {term.Coefficient}.", nameof(terms));
            }
        }
    }

    /// <summary>The weighted Pauli strings, in the order given.</summary>
    public ImmutableArray<PauliTerm> Terms { get; }

    /// <summary>Highest qubit index used, or -1.</summary>
    public int MaxQubit => Terms.IsEmpty ? -1 : Terms.Max(t => t.Pauli.MaxQubit);

    /// <summary>A single term <paramref name="coefficient"/>·<paramref name="pauli"/>.</summary>
    public static Observable FromPauli(PauliString pauli, double coefficient = 1.0) => new([new PauliTerm(coefficient, pauli)]);

    /// <summary>⟨Z_q⟩, the usual per-qubit readout.</summary>
    public static Observable Z(int qubit) => FromPauli(PauliString.Z(qubit));

    /// <summary>
    /// Parses <c>"0.5*Z0 Z1 - 0.25*X2 + Y1"</c>: terms separated by + or -, each an optional
    /// coefficient and <c>*</c>, then a Pauli string as <see cref="PauliString.Parse"/> reads it.
    /// </summary>
    public static Observable Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var terms = new List<PauliTerm>();
        var sign = 1.0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if ((text[i] != '+' && text[i] != '-') || IsExponentSign(text, i))
            {
                continue;
            }

            var piece = text[start..i].Trim();
            if (piece.Length > 0)
            {
                terms.Add(ParseTerm(piece, sign, text));
            }
            else if (terms.Count > 0 || start > 0)
            {
                throw new FormatException($"Observable \"{text}\" has a sign without a term at position {i}.");
            }

            sign = text[i] == '-' ? -1.0 : 1.0;
            start = i + 1;
        }

        var last = text[start..].Trim();
        if (last.Length == 0)
        {
            throw new FormatException($"Observable \"{text}\" ends without a term: write e.g. \"Z0\" or \"0.5*Z0 Z1 + X2\".");
        }

        terms.Add(ParseTerm(last, sign, text));
        return new Observable(terms);
    }

    /// <summary>Same terms in the same order (not algebraic equality: <c>Z0 + X1</c> differs from <c>X1 + Z0</c>).</summary>
    public bool Equals(Observable? other) => other is not null && Terms.SequenceEqual(other.Terms);

    /// <summary>Term-by-term equality; see <see cref="Equals(Observable)"/>.</summary>
    public override bool Equals(object? obj) => Equals(obj as Observable);

    /// <summary>A hash consistent with <see cref="Equals(Observable)"/>.</summary>
    public override int GetHashCode() => Terms.Length;

    /// <summary>A form <see cref="Parse"/> reads back, e.g. <c>Z0 Z1 + 0.5*X2</c>.</summary>
    public override string ToString() =>
        string.Join(" + ", Terms.Select(t => t.Coefficient == 1.0 ? t.Pauli.ToString() : t.ToString()));

    private static bool IsExponentSign(string text, int i) =>
        i >= 2 && (text[i - 1] == 'e' || text[i - 1] == 'E') && char.IsDigit(text[i - 2]);

    private static PauliTerm ParseTerm(string piece, double sign, string text)
    {
        var star = piece.IndexOf('*', StringComparison.Ordinal);
        if (star > 0 && double.TryParse(piece[..star], NumberStyles.Float, CultureInfo.InvariantCulture, out var coefficient))
        {
            return new PauliTerm(sign * coefficient, PauliString.Parse(piece[(star + 1)..]));
        }

        if (double.TryParse(piece, NumberStyles.Float, CultureInfo.InvariantCulture, out var constant))
        {
            return new PauliTerm(sign * constant, PauliString.Identity);
        }

        try
        {
            return new PauliTerm(sign, PauliString.Parse(piece));
        }
        catch (FormatException e)
        {
            throw new FormatException($"In observable \"{text}\": {e.Message}", e);
        }
    }
}
