using System.Collections.Immutable;
using System.Globalization;
using Qml.Abstractions;

namespace Qml.Learning.Models;

/// <summary>
/// Settings for building a model: <c>key=value</c> pairs from the command line
/// (<c>-m qubits=4</c>) or code. Typed getters validate and name the key and the valid range in
/// their errors. The same shape as <see cref="Data.DatasetOptions"/>.
/// </summary>
public sealed record ModelOptions
{
    public static ModelOptions Default { get; } = new();

    public ImmutableDictionary<string, string> Values { get; init; } =
        ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    public ModelOptions With(string key, string value) => this with { Values = Values.SetItem(key, value) };

    /// <summary>Parses <c>key=value</c> items.</summary>
    public static ModelOptions Parse(IEnumerable<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var options = Default;
        foreach (var item in items)
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new QmlException($"Model option '{item}' is not of the form key=value (e.g. qubits=4).");
            }

            options = options.With(item[..eq].Trim(), item[(eq + 1)..].Trim());
        }

        return options;
    }

    /// <summary>Options from a stored dictionary (a model card).</summary>
    public static ModelOptions From(IReadOnlyDictionary<string, string>? values)
    {
        var options = Default;
        foreach (var (key, value) in values ?? ImmutableDictionary<string, string>.Empty)
        {
            options = options.With(key, value);
        }

        return options;
    }

    public string? GetString(string key) => Values.TryGetValue(key, out var value) ? value : null;

    public string GetString(string key, string defaultValue) => GetString(key) ?? defaultValue;

    /// <summary>A value that must be one of <paramref name="allowed"/> (case-insensitive); returns the matching entry.</summary>
    public string GetChoice(string key, string defaultValue, params string[] allowed)
    {
        var value = GetString(key) ?? defaultValue;
        var match = allowed.FirstOrDefault(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase));
        return match ?? throw new QmlException($"Model option '{key}={value}' is invalid: expected one of {string.Join(", ", allowed)}.");
    }

    public int GetInt(string key, int defaultValue, int min = int.MinValue, int max = int.MaxValue)
    {
        if (!Values.TryGetValue(key, out var text))
        {
            return defaultValue;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new QmlException($"Model option '{key}={text}' is invalid: expected an integer in {min}..{max}.");
        }

        return value;
    }

    public double GetDouble(string key, double defaultValue, double min = double.MinValue, double max = double.MaxValue)
    {
        if (!Values.TryGetValue(key, out var text))
        {
            return defaultValue;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value >= min && value <= max))
        {
            throw new QmlException(
                $"Model option '{key}={text}' is invalid: expected a number in {min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)}.");
        }

        return value;
    }

    public bool GetBool(string key, bool defaultValue)
    {
        if (!Values.TryGetValue(key, out var text))
        {
            return defaultValue;
        }

        return text.ToUpperInvariant() switch
        {
            "TRUE" or "1" or "YES" => true,
            "FALSE" or "0" or "NO" => false,
            _ => throw new QmlException($"Model option '{key}={text}' is invalid: expected true or false."),
        };
    }

    /// <summary>Throws when a key is not among <paramref name="known"/>, listing the valid keys.</summary>
    public void RequireKnown(string model, IEnumerable<ModelOptionInfo> known)
    {
        ArgumentNullException.ThrowIfNull(known);
        var names = known.Select(k => k.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var key in Values.Keys)
        {
            if (!names.Contains(key))
            {
                var valid = names.Count == 0 ? "it takes none" : "valid: " + string.Join(", ", names.Order(StringComparer.Ordinal));
                throw new QmlException($"Model '{model}' has no option '{key}' ({valid}).");
            }
        }
    }

    /// <summary>The options as a sorted dictionary (what a model card stores).</summary>
    public IReadOnlyDictionary<string, string> ToDictionary() =>
        new SortedDictionary<string, string>(Values.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), StringComparer.Ordinal);
}
