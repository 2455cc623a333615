using System.Collections.Immutable;
using System.Globalization;

namespace Qml.Abstractions.Options;

/// <summary>
/// <c>key=value</c> settings from the command line (<c>-o threads=2</c>) or code, for backends,
/// datasets and models alike. Keys are case-insensitive; typed getters validate and name the key
/// and the valid range in their errors, so every kind of option fails the same clear way.
/// </summary>
/// <typeparam name="TSelf">The concrete options record.</typeparam>
public abstract record KeyValueOptions<TSelf>
    where TSelf : KeyValueOptions<TSelf>, new()
{
    /// <summary>Options with no keys set, so every getter returns its default.</summary>
    public static TSelf Default { get; } = new();

    /// <summary>The raw values by key; keys compare case-insensitively, values are kept as given (trimmed by <see cref="Parse"/>).</summary>
    public ImmutableDictionary<string, string> Values { get; init; } =
        ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    /// <summary>What these options configure, capitalised for messages: "Backend", "Dataset", "Model".</summary>
    protected abstract string Subject { get; }

    /// <summary>A copy with <paramref name="key"/> set to <paramref name="value"/> (replacing any earlier value).</summary>
    public TSelf With(string key, string value) => (TSelf)(this with { Values = Values.SetItem(key, value) });

    /// <summary>Parses <c>key=value</c> items.</summary>
    public static TSelf Parse(IEnumerable<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var options = Default;
        foreach (var item in items)
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new QmlException($"{options.Subject} option '{item}' is not of the form key=value.");
            }

            options = options.With(item[..eq].Trim(), item[(eq + 1)..].Trim());
        }

        return options;
    }

    /// <summary>Options from a stored dictionary (e.g. a model card).</summary>
    public static TSelf From(IReadOnlyDictionary<string, string>? values)
    {
        var options = Default;
        foreach (var (key, value) in values ?? ImmutableDictionary<string, string>.Empty)
        {
            options = options.With(key, value);
        }

        return options;
    }

    /// <summary>The options as a dictionary sorted by key (what a model card stores).</summary>
    public IReadOnlyDictionary<string, string> ToDictionary() =>
        new SortedDictionary<string, string>(Values.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>The raw value of <paramref name="key"/>, or null when it is not set.</summary>
    public string? GetString(string key) => Values.TryGetValue(key, out var value) ? value : null;

    /// <summary>The raw value of <paramref name="key"/>, or <paramref name="defaultValue"/> when it is not set.</summary>
    public string GetString(string key, string defaultValue) => GetString(key) ?? defaultValue;

    /// <summary>A value that must be one of <paramref name="allowed"/> (case-insensitive); returns the matching entry.</summary>
    public string GetChoice(string key, string defaultValue, params string[] allowed)
    {
        var value = GetString(key) ?? defaultValue;
        return allowed.FirstOrDefault(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase))
            ?? throw Invalid(key, value, $"one of {string.Join(", ", allowed)}");
    }

    /// <summary>An integer option (invariant culture), or <paramref name="defaultValue"/> when not set; the default is not range-checked.</summary>
    /// <exception cref="QmlException">The value is not an integer in <paramref name="min"/>..<paramref name="max"/> (inclusive).</exception>
    public int GetInt(string key, int defaultValue, int min = int.MinValue, int max = int.MaxValue)
    {
        if (!Values.TryGetValue(key, out var text))
        {
            return defaultValue;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw Invalid(key, text, string.Create(CultureInfo.InvariantCulture, $"an integer in {min}..{max}"));
    }

    /// <summary>A number option (invariant culture, e.g. <c>1e-3</c>), or <paramref name="defaultValue"/> when not set; the default is not range-checked.</summary>
    /// <exception cref="QmlException">The value is not a number in <paramref name="min"/>..<paramref name="max"/> (inclusive; NaN fails).</exception>
    public double GetDouble(string key, double defaultValue, double min = double.MinValue, double max = double.MaxValue)
    {
        if (!Values.TryGetValue(key, out var text))
        {
            return defaultValue;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw Invalid(key, text, string.Create(CultureInfo.InvariantCulture, $"a number in {min}..{max}"));
    }

    /// <summary>A flag option: true/1/yes/on or false/0/no/off (any case), or <paramref name="defaultValue"/> when not set.</summary>
    /// <exception cref="QmlException">Any other value.</exception>
    public bool GetBool(string key, bool defaultValue)
    {
        if (!Values.TryGetValue(key, out var text))
        {
            return defaultValue;
        }

        return text.ToUpperInvariant() switch
        {
            "TRUE" or "1" or "YES" or "ON" => true,
            "FALSE" or "0" or "NO" or "OFF" => false,
            _ => throw Invalid(key, text, "true or false"),
        };
    }

    /// <summary>Throws when a key is not among <paramref name="knownKeys"/>, listing the valid keys.</summary>
    public void RequireKnownKeys(string owner, IEnumerable<string> knownKeys)
    {
        var names = knownKeys.ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var key in Values.Keys)
        {
            if (!names.Contains(key))
            {
                var valid = names.Count == 0 ? "it takes none" : "valid: " + string.Join(", ", names.Order(StringComparer.Ordinal));
                throw new QmlException($"{Subject} '{owner}' has no option '{key}' ({valid}).");
            }
        }
    }

    private QmlException Invalid(string key, string text, string expected) =>
        new($"{Subject} option '{key}={text}' is invalid: expected {expected}.");
}
