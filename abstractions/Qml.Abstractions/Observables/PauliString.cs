using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Qml.Abstractions.Observables;

/// <summary>
/// A tensor product of Pauli operators on chosen qubits, stored sparsely (qubit, Pauli) sorted
/// by qubit with identities dropped, so it scales to MPS-sized registers.
/// </summary>
public sealed class PauliString : IEquatable<PauliString>
{
    private PauliString(ImmutableArray<(int Qubit, Pauli Pauli)> factors) => Factors = factors;

    /// <summary>The identity.</summary>
    public static PauliString Identity { get; } = new([]);

    /// <summary>Non-identity factors, sorted by qubit.</summary>
    public ImmutableArray<(int Qubit, Pauli Pauli)> Factors { get; }

    /// <summary>Highest qubit index used, or -1 for the identity.</summary>
    public int MaxQubit => Factors.IsEmpty ? -1 : Factors[^1].Qubit;

    /// <summary>True when every factor is I (no factors stored).</summary>
    public bool IsIdentity => Factors.IsEmpty;

    /// <summary>True when only I and Z occur (diagonal in the computational basis).</summary>
    public bool IsDiagonal => Factors.All(f => f.Pauli == Pauli.Z);

    /// <summary>One Pauli on one qubit (the identity when <paramref name="pauli"/> is I).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="qubit"/> is negative.</exception>
    public static PauliString Single(Pauli pauli, int qubit) => Create([(qubit, pauli)]);

    /// <summary>Z on every qubit in <paramref name="qubits"/> (the identity when none).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A qubit is negative.</exception>
    /// <exception cref="ArgumentException">A qubit is repeated.</exception>
    public static PauliString Z(params ReadOnlySpan<int> qubits) => FromQubits(Pauli.Z, qubits);

    /// <summary>X on every qubit in <paramref name="qubits"/> (the identity when none).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A qubit is negative.</exception>
    /// <exception cref="ArgumentException">A qubit is repeated.</exception>
    public static PauliString X(params ReadOnlySpan<int> qubits) => FromQubits(Pauli.X, qubits);

    /// <summary>Y on every qubit in <paramref name="qubits"/> (the identity when none).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A qubit is negative.</exception>
    /// <exception cref="ArgumentException">A qubit is repeated.</exception>
    public static PauliString Y(params ReadOnlySpan<int> qubits) => FromQubits(Pauli.Y, qubits);

    /// <summary>Creates a string from factors; a qubit may appear once.</summary>
    public static PauliString Create(IEnumerable<(int Qubit, Pauli Pauli)> factors)
    {
        var sorted = new SortedDictionary<int, Pauli>();
        foreach (var (qubit, pauli) in factors)
        {
            if (qubit < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(factors), $"Pauli factor on negative qubit {qubit}.");
            }

            if (!sorted.TryAdd(qubit, pauli))
            {
                throw new ArgumentException($"Qubit {qubit} appears twice in a Pauli string.", nameof(factors));
            }
        }

        return new PauliString([.. sorted.Where(kv => kv.Value != Pauli.I).Select(kv => (kv.Key, kv.Value))]);
    }

    /// <summary>
    /// Parses either indexed factors (<c>"Z0 Z1"</c>, <c>"X0*Y3"</c>, <c>"I"</c>) or a dense label
    /// in Qiskit's order (<c>"IXZ"</c>: the rightmost letter is qubit 0).
    /// </summary>
    public static PauliString Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw new FormatException("An empty Pauli string; write e.g. \"Z0 Z1\" or \"IZZ\".");
        }

        if (trimmed.All(c => c is 'I' or 'X' or 'Y' or 'Z'))
        {
            var factors = new List<(int, Pauli)>(trimmed.Length);
            for (var i = 0; i < trimmed.Length; i++)
            {
                factors.Add((trimmed.Length - 1 - i, ParseLetter(trimmed[i], text, i)));
            }

            return Create(factors);
        }

        var parsed = new List<(int, Pauli)>();
        foreach (var token in trimmed.Split([' ', '*', '@'], StringSplitOptions.RemoveEmptyEntries))
        {
            var pauli = ParseLetter(char.ToUpperInvariant(token[0]), text, text.IndexOf(token, StringComparison.Ordinal));
            var digits = token.AsSpan(1).TrimStart('(').TrimStart('[').TrimEnd(')').TrimEnd(']');
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var qubit))
            {
                throw new FormatException($"Bad Pauli factor '{token}' in \"{text}\": expected a letter I, X, Y or Z followed by a qubit index, e.g. Z3.");
            }

            parsed.Add((qubit, pauli));
        }

        return Create(parsed);
    }

    /// <summary>Same non-identity factors on the same qubits.</summary>
    public bool Equals(PauliString? other) => other is not null && Factors.SequenceEqual(other.Factors);

    /// <summary>True when <paramref name="obj"/> is an equal <see cref="PauliString"/>.</summary>
    public override bool Equals(object? obj) => Equals(obj as PauliString);

    /// <summary>A hash consistent with <see cref="Equals(PauliString)"/>.</summary>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var factor in Factors)
        {
            hash.Add(factor);
        }

        return hash.ToHashCode();
    }

    /// <summary>Indexed form, e.g. <c>"Z0 Z1"</c> (<c>"I"</c> for the identity).</summary>
    public override string ToString()
    {
        if (IsIdentity)
        {
            return "I";
        }

        var text = new StringBuilder();
        foreach (var (qubit, pauli) in Factors)
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(pauli).Append(qubit.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private static PauliString FromQubits(Pauli pauli, ReadOnlySpan<int> qubits)
    {
        var factors = new List<(int, Pauli)>(qubits.Length);
        foreach (var q in qubits)
        {
            factors.Add((q, pauli));
        }

        return Create(factors);
    }

    private static Pauli ParseLetter(char letter, string text, int position) => letter switch
    {
        'I' => Pauli.I,
        'X' => Pauli.X,
        'Y' => Pauli.Y,
        'Z' => Pauli.Z,
        _ => throw new FormatException($"Bad Pauli letter '{letter}' at position {position} of \"{text}\": expected I, X, Y or Z."),
    };
}
