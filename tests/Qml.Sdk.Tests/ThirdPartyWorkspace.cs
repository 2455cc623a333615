using Qml.Abstractions.Plugins;

namespace Qml.Sdk.Tests;

/// <summary>
/// The documented third-party steps, done once in a temporary folder: pack the SDK and the
/// template pack into a local feed, install the templates into a private template hive, create a
/// backend and a model plugin from them, build those and the repository's samples/ against the
/// feed (with their own package cache, so no stale package of the same version is used; other
/// packages still come from the machine's NuGet source), and drop the four build outputs into
/// one plugin folder.
/// </summary>
internal sealed class ThirdPartyWorkspace : IDisposable
{
    public const string GeneratedBackend = "e2e-backend";
    public const string GeneratedModel = "e2e-model";
    public const string SampleBackend = "tiny-statevector";
    public const string SampleModel = "sample-classifier";

    /// <summary>Packed into the feed, in dependency order.</summary>
    public static readonly string[] PackedProjects =
    [
        "abstractions/Qml.Abstractions/Qml.Abstractions.csproj",
        "abstractions/Qml.Qasm/Qml.Qasm.csproj",
        "abstractions/Qml.Learning/Qml.Learning.csproj",
        "tests/Qml.Backends.Conformance/Qml.Backends.Conformance.csproj",
        "tests/Qml.Models.TestKit/Qml.Models.TestKit.csproj",
    ];

    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("qml-sdk-e2e-");

    public ThirdPartyWorkspace()
    {
        Samples = Path.Combine(root.FullName, "samples");
        Feed = Path.Combine(Samples, ".feed");
        Plugins = Path.Combine(root.FullName, "plugins");
        Packages = Path.Combine(root.FullName, "nuget-packages");
        Hive = Path.Combine(root.FullName, "template-hive");
        Runs = Path.Combine(root.FullName, "runs");
        Environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Packages };
    }

    public static string SdkVersion => $"{ContractVersion.Major}.{ContractVersion.Minor}.0";

    /// <summary>The copy of samples/; its nuget.config names the feed <c>.feed/</c> beside it.</summary>
    public string Samples { get; }

    public string Feed { get; }

    public string Plugins { get; }

    public string Packages { get; }

    public string Hive { get; }

    public string Runs { get; }

    /// <summary>For every dotnet command on the consumer side: the private package cache.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>Plugin folder name → the folder its build output was dropped into.</summary>
    public Dictionary<string, string> PluginFolders { get; } = new(StringComparer.Ordinal);

    public void Build()
    {
        CopySamples();
        PackSdk();
        InstallTemplates();
        var generated = Path.Combine(Samples, "generated");
        Directory.CreateDirectory(generated);
        NewFromTemplate(generated, "qml-backend", "E2E.Backend", "--backend-name", GeneratedBackend);
        NewFromTemplate(generated, "qml-model", "E2E.Model", "--model-name", GeneratedModel);

        BuildPlugin(Path.Combine(generated, "E2E.Backend", "E2E.Backend", "E2E.Backend.csproj"));
        BuildPlugin(Path.Combine(generated, "E2E.Model", "E2E.Model", "E2E.Model.csproj"));
        BuildPlugin(Path.Combine(Samples, "TinyStatevector", "Qml.Samples.TinyStatevector", "Qml.Samples.TinyStatevector.csproj"));
        BuildPlugin(Path.Combine(Samples, "QuantumClassifier", "Qml.Samples.QuantumClassifier", "Qml.Samples.QuantumClassifier.csproj"));
    }

    /// <summary>Runs the built host with <c>--plugins</c> set to the workspace's plugin folder.</summary>
    public Outcome Qml(params string[] arguments) =>
        Dotnet.Run(root.FullName, new Dictionary<string, string>(), [Repository.HostAssembly, .. arguments, "--plugins", Plugins]);

    public void Dispose()
    {
        try
        {
            root.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file for a moment; the folder is in the temp directory.
        }
    }

    private void CopySamples()
    {
        var source = Path.Combine(Repository.Root, "samples");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            var parts = relative.Split(Path.DirectorySeparatorChar);
            if (parts.Any(p => p is "bin" or "obj" or ".feed"))
            {
                continue;
            }

            var destination = Path.Combine(Samples, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }

    private void PackSdk()
    {
        // The SDK projects were built by this test project's references; packing does not rebuild them.
        foreach (var project in PackedProjects)
        {
            Dotnet.Succeed(Repository.Root, new Dictionary<string, string>(),
                "pack", project, "-c", Repository.Configuration, "--no-build", "-o", Feed);
        }

        Dotnet.Succeed(Repository.Root, new Dictionary<string, string>(),
            "pack", "templates/Qml.Templates.csproj", "-c", Repository.Configuration, "-o", Feed);
    }

    private void InstallTemplates() =>
        Dotnet.Succeed(root.FullName, Environment,
            "new", "install", Path.Combine(Feed, $"Qml.Templates.{SdkVersion}.nupkg"), "--debug:custom-hive", Hive);

    private void NewFromTemplate(string directory, string template, string name, string nameOption, string nameValue) =>
        Dotnet.Succeed(directory, Environment,
            "new", template, "-n", name, "-o", name, nameOption, nameValue, "--debug:custom-hive", Hive);

    private void BuildPlugin(string project)
    {
        var name = Path.GetFileNameWithoutExtension(project);
        var output = Path.Combine(Plugins, name);
        Dotnet.Succeed(Path.GetDirectoryName(project)!, Environment, "build", project, "-c", "Release", "-o", output);
        PluginFolders[name] = output;
    }
}
