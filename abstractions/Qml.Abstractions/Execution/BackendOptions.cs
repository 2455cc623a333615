using System.Collections.Immutable;
using System.Globalization;

namespace Qml.Abstractions.Execution;

/// <summary>
/// Settings for creating a backend: <c>key=value</c> pairs from the command line
/// (<c>--backend-option threads=2</c>) or code. Typed getters validate and name the key and
/// the valid range in their errors.
/// </summary>
public sealed record BackendOptions
{
    public static BackendOptions Default { get; } = new();

    public ImmutableDictionary<string, string> Values { get; init; } =
        ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    public BackendOptions With(string key, string value) => this with { Values = Values.SetItem(key, value) };

    /// <summary>Parses <c>key=value</c> items.</summary>
    public static BackendOptions Parse(IEnumerable<string> items)
    {
        var options = Default;
        foreach (var item in items)
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new QmlException($"Backend option '{item}' is not of the form key=value (e.g. threads=2).");
            }

            options = options.With(item[..eq].Trim(), item[(eq + 1)..].Trim());
        }

        return options;
    }

    public string? GetString(string key) => Values.TryGetValue(key, out var value) ? value : null;

    public int GetInt(string key, int defaultValue, int min = int.MinValue, int max = int.MaxValue)
    {
        if (!Values.TryGetValue(key, out var text))
        {
            return defaultValue;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new QmlException($"Backend option '{key}={text}' is invalid: expected an integer in {min}..{max}.");
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
            throw new QmlException($"Backend option '{key}={text}' is invalid: expected a number in {min}..{max}.");
        }

        return value;
    }

    /// <summary>Throws when a key is not among <paramref name="known"/>, listing the valid keys.</summary>
    public void RequireKnown(string backend, IEnumerable<BackendOptionInfo> known)
    {
        var names = known.Select(k => k.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var key in Values.Keys)
        {
            if (!names.Contains(key))
            {
                var valid = names.Count == 0 ? "it takes none" : "valid: " + string.Join(", ", names.Order());
                throw new QmlException($"Backend '{backend}' has no option '{key}' ({valid}).");
            }
        }
    }
}
