using System.Globalization;
using Qml.Abstractions;

namespace Qml.Learning.Data.Loaders;

/// <summary>
/// Reads a numeric CSV file line by line into a <see cref="Dataset"/>. Every feature cell must
/// parse as an invariant-culture number; errors name the file, line and column.
/// </summary>
public static class CsvDatasetLoader
{
    /// <summary>Reads <paramref name="path"/> as <paramref name="options"/> say (defaults: header, comma, no label column).</summary>
    /// <exception cref="QmlException">The file is missing or empty, or a cell does not parse (the message names the line and column).</exception>
    public static Dataset Load(string path, CsvOptions? options = null)
    {
        options ??= new CsvOptions();
        if (!File.Exists(path))
        {
            throw new QmlException($"CSV file not found: {path}.");
        }

        using var reader = new StreamReader(path);
        return Load(reader, path, Path.GetFileNameWithoutExtension(path), options);
    }

    /// <summary>Reads from any text reader; <c>source</c> names it in errors.</summary>
    public static Dataset Load(TextReader reader, string source, string name, CsvOptions options)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        var lineNumber = 0;
        string[]? columns = null;
        var labelIndex = -1;
        var features = new List<double>();
        var labelTexts = new List<string>();
        var targets = new List<double>();
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || (line.Trim().Length == 0))
            {
                continue;
            }

            var fields = CsvLine.Split(line, options.Delimiter, source, lineNumber);
            if (columns is null)
            {
                columns = options.HasHeader ? fields.Select(f => f.Trim()).ToArray() : Enumerable.Range(0, fields.Length).Select(i => $"c{i}").ToArray();
                labelIndex = ResolveLabel(options.LabelColumn, columns, source);
                if (options.HasHeader)
                {
                    continue;
                }
            }

            if (fields.Length != columns.Length)
            {
                throw new QmlException(
                    $"CSV file {source} line {lineNumber} has {fields.Length} fields; expected {columns.Length} (as in {(options.HasHeader ? "the header" : "the first line")}).");
            }

            for (var c = 0; c < fields.Length; c++)
            {
                if (c == labelIndex)
                {
                    if (options.LabelKind == CsvLabelKind.Classification)
                    {
                        labelTexts.Add(fields[c].Trim());
                    }
                    else
                    {
                        targets.Add(ParseNumber(fields[c], source, lineNumber, columns, c));
                    }
                }
                else
                {
                    features.Add(ParseNumber(fields[c], source, lineNumber, columns, c));
                }
            }
        }

        if (columns is null || (features.Count == 0 && labelTexts.Count == 0 && targets.Count == 0))
        {
            throw new QmlException($"CSV file {source} has no data rows; expected {(options.HasHeader ? "a header line and " : string.Empty)}at least one row.");
        }

        var featureNames = columns.Where((_, c) => c != labelIndex).ToArray();
        if (featureNames.Length == 0)
        {
            throw new QmlException($"CSV file {source} has only the label column; expected at least one feature column.");
        }

        if (labelIndex < 0)
        {
            return Dataset.Unlabelled(name, features.ToArray(), featureNames.Length, featureNames);
        }

        if (options.LabelKind == CsvLabelKind.Regression)
        {
            return Dataset.ForRegression(name, features.ToArray(), featureNames.Length, targets.ToArray(), 1, featureNames);
        }

        var (labels, classCount, classNames) = EncodeClasses(labelTexts);
        return Dataset.ForClassification(name, features.ToArray(), featureNames.Length, labels, classCount, featureNames, classNames);
    }

    private static int ResolveLabel(string? labelColumn, string[] columns, string source)
    {
        if (labelColumn is null)
        {
            return -1;
        }

        var byName = Array.FindIndex(columns, c => string.Equals(c, labelColumn, StringComparison.OrdinalIgnoreCase));
        if (byName >= 0)
        {
            return byName;
        }

        if (int.TryParse(labelColumn, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index) && index >= 0 && index < columns.Length)
        {
            return index;
        }

        throw new QmlException(
            $"CSV file {source} has no label column '{labelColumn}'; expected one of {string.Join(", ", columns)} or an index in 0..{columns.Length - 1}.");
    }

    private static double ParseNumber(string text, string source, int line, string[] columns, int column)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        throw new QmlException(
            $"CSV file {source} line {line} column '{columns[column]}' ({column}): '{text}' is not a finite number (invariant culture, e.g. -1.5e3).");
    }

    /// <summary>
    /// Integer labels 0..k are kept as class indices (so "3" stays class 3); any other label set
    /// is numbered in ordinal sort order and the names are kept.
    /// </summary>
    private static (int[] Labels, int ClassCount, string[]? ClassNames) EncodeClasses(List<string> texts)
    {
        var numeric = new int[texts.Count];
        var allNumeric = true;
        for (var i = 0; i < texts.Count && allNumeric; i++)
        {
            allNumeric = int.TryParse(texts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numeric[i]) && numeric[i] < 1 << 16;
        }

        if (allNumeric)
        {
            return (numeric, numeric.Length == 0 ? 1 : numeric.Max() + 1, null);
        }

        var names = texts.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var index = names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
        return (texts.Select(t => index[t]).ToArray(), names.Length, names);
    }
}
