using Qml.Abstractions;

namespace Qml.Learning.Data.Loaders;

/// <summary>
/// Zalando's Fashion-MNIST (60,000 training and 10,000 test images of 28×28 grey pixels,
/// 10 clothing classes) from the IDX files of the Debian package <c>dataset-fashion-mnist</c>,
/// or from the folder named by the <c>QML_FASHION_MNIST</c> environment variable.
/// </summary>
public static class FashionMnist
{
    /// <summary>Environment variable naming a folder with the IDX files; overrides <see cref="DefaultDirectory"/>.</summary>
    public const string EnvironmentVariable = "QML_FASHION_MNIST";
    /// <summary>The Debian package that installs the files.</summary>
    public const string PackageName = "dataset-fashion-mnist";
    /// <summary>Where the Debian package installs the files.</summary>
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The 10 class names, indexed by label 0..9.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>Loads the training (<c>train</c> = true) or test part, optionally only its first <c>limit</c> images.</summary>
    public static Dataset Load(bool train, int limit = 0, string? directory = null)
    {
        var folder = Locate(directory);
        var prefix = train ? "train" : "t10k";
        return IdxDataset.Load(
            train ? "fashion-mnist-train" : "fashion-mnist-test",
            FindFile(folder, $"{prefix}-images-idx3-ubyte"),
            FindFile(folder, $"{prefix}-labels-idx1-ubyte"),
            10,
            ClassNames,
            limit);
    }

    /// <summary>The folder holding the IDX files: an explicit one, else the environment variable, else the package's.</summary>
    public static string Locate(string? directory = null)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        var (folder, source) = directory is not null ? (directory, "the directory option")
            : !string.IsNullOrEmpty(fromEnvironment) ? (fromEnvironment, $"${EnvironmentVariable}")
            : (DefaultDirectory, "the default location");
        if (!File.Exists(Path.Combine(folder, "train-images-idx3-ubyte.gz")) && !File.Exists(Path.Combine(folder, "train-images-idx3-ubyte")))
        {
            throw new QmlException(
                $"Fashion-MNIST not found at {folder} ({source}): install it with `apt-get install {PackageName}`, " +
                $"or set {EnvironmentVariable} to a folder holding train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, " +
                "t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz.");
        }

        return folder;
    }

    private static string FindFile(string folder, string stem)
    {
        foreach (var candidate in new[] { stem + ".gz", stem })
        {
            var path = Path.Combine(folder, candidate);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new QmlException(
            $"Fashion-MNIST file {stem}.gz is missing from {folder}: reinstall it with `apt-get install --reinstall {PackageName}`.");
    }
}
