using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;

namespace Qml.Sdk.Tests;

/// <summary>
/// End to end, the way a researcher outside the repository works (docs/plugins.md): packed SDK,
/// templates, samples, one plugin folder, the built <c>qml</c>.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ThirdPartyPluginTests
{
    private ThirdPartyWorkspace workspace = null!;

    [OneTimeSetUp]
    public void PackCreateBuildAndDrop()
    {
        Assert.That(File.Exists(Repository.HostAssembly), Is.True, $"{Repository.HostAssembly} is missing: building tests/Qml.Sdk.Tests builds the host.");
        workspace = new ThirdPartyWorkspace();
        workspace.Build();
    }

    [OneTimeTearDown]
    public void CleanUp() => workspace?.Dispose();

    [Test]
    public void EveryDroppedPluginLoadsAndShipsNoContractAssembly()
    {
        var outcome = workspace.Qml("plugins", "--format", "json");

        Assert.That(outcome.ExitCode, Is.Zero, outcome.ToString());
        using var json = JsonDocument.Parse(outcome.StandardOutput);
        var plugins = json.RootElement.GetProperty("plugins").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(plugins, Has.Count.EqualTo(4));
            foreach (var plugin in plugins)
            {
                Assert.That(plugin.GetProperty("status").GetString(), Is.EqualTo("loaded"), plugin.ToString());
            }

            foreach (var (name, folder) in workspace.PluginFolders)
            {
                var files = Directory.GetFiles(folder, "*.dll").Select(Path.GetFileName).ToList();
                Assert.That(files, Does.Contain($"{name}.dll"));
                Assert.That(files, Has.None.StartsWith("Qml.Abstractions").And.None.StartsWith("Qml.Learning").And.None.StartsWith("Qml.Qasm"),
                    $"{name} must not carry a copy of the SDK assemblies (the host provides them)");
            }
        });
    }

    [Test]
    public void TwoSamplesCarryingTwoVersionsOfOneLibraryEachSeeTheirOwnInOneProcess()
    {
        var outcome = workspace.Qml("plugins", "--verbose", "--format", "json");

        Assert.That(outcome.ExitCode, Is.Zero, outcome.ToString());
        using var json = JsonDocument.Parse(outcome.StandardOutput);
        var plugins = json.RootElement.GetProperty("plugins").EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!);
        Assert.Multiple(() =>
        {
            // Each plugin reports the version its own code sees, from inside the one qml process...
            Assert.That(plugins["qml.samples.tinystatevector"].GetProperty("description").GetString(), Does.EndWith("uses Newtonsoft.Json 13.0.1"));
            Assert.That(plugins["qml.samples.quantumclassifier"].GetProperty("description").GetString(), Does.EndWith("uses Newtonsoft.Json 13.0.3"));

            // ...and the host shows each loaded from the plugin's own folder.
            Assert.That(NewtonsoftOf(plugins["qml.samples.tinystatevector"]), Is.EqualTo(
                ("plugin", Path.Combine(workspace.PluginFolders["Qml.Samples.TinyStatevector"], "Newtonsoft.Json.dll"), "product version 13.0.1")));
            Assert.That(NewtonsoftOf(plugins["qml.samples.quantumclassifier"]), Is.EqualTo(
                ("plugin", Path.Combine(workspace.PluginFolders["Qml.Samples.QuantumClassifier"], "Newtonsoft.Json.dll"), "product version 13.0.3")));
        });
    }

    [Test]
    public void TheSampleModelTrainsOnTheSampleBackend()
    {
        var output = Path.Combine(workspace.Runs, "sample");

        var outcome = workspace.Qml("train", "--model", ThirdPartyWorkspace.SampleModel, "--dataset", "moons",
            "-b", ThirdPartyWorkspace.SampleBackend, "--epochs", "4", "--out", output, "--format", "json");

        Assert.That(outcome.ExitCode, Is.Zero, outcome.ToString());
        Assert.That(File.Exists(Path.Combine(output, "model.json")), Is.True, outcome.ToString());
        var card = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "model.json"))).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(card.GetProperty("modelId").GetString(), Is.EqualTo(ThirdPartyWorkspace.SampleModel));
            Assert.That(card.GetProperty("backend").GetString(), Is.EqualTo(ThirdPartyWorkspace.SampleBackend));
            Assert.That(card.GetProperty("metrics").GetProperty("test_accuracy").GetDouble(), Is.GreaterThan(0.75),
                "four epochs of the sample classifier separate the two moons well above chance");
        });
    }

    [Test]
    public void TheTemplateModelTrainsOnTheTemplateBackend()
    {
        var output = Path.Combine(workspace.Runs, "generated");

        var outcome = workspace.Qml("train", "--model", ThirdPartyWorkspace.GeneratedModel, "-b", ThirdPartyWorkspace.GeneratedBackend,
            "--epochs", "2", "--out", output);

        Assert.That(outcome.ExitCode, Is.Zero, outcome.ToString());
        Assert.That(outcome.StandardOutput, Does.Contain("test accuracy"));
    }

    [TestCase(ThirdPartyWorkspace.SampleBackend)]
    [TestCase(ThirdPartyWorkspace.GeneratedBackend)]
    public void QmlRunOnTheNewBackendGivesTheExactGhzResult(string backend)
    {
        var outcome = workspace.Qml("run", "-b", backend, "-c", "ghz", "-n", "3", "--shots", "400", "--format", "json");

        Assert.That(outcome.ExitCode, Is.Zero, outcome.ToString());
        using var json = JsonDocument.Parse(outcome.StandardOutput);
        Assert.Multiple(() =>
        {
            Assert.That(json.RootElement.GetProperty("backend").GetString(), Is.EqualTo(backend));
            Assert.That(Probabilities(json.RootElement), Is.EqualTo(new[] { 0.5, 0, 0, 0, 0, 0, 0, 0.5 }).Within(1e-12));
        });
    }

    [TestCase("E2E.Model", 8)]
    [TestCase("E2E.Backend", 300)]
    public void TheGeneratedTestProjectPassesTheSharedSuiteFromItsPackage(string name, int atLeast)
    {
        // The model's tests run the model test kit, the backend's the conformance suite, both from the feed.
        var project = Path.Combine(workspace.Samples, "generated", name, $"{name}.Tests", $"{name}.Tests.csproj");

        var outcome = Dotnet.Succeed(Path.GetDirectoryName(project)!, workspace.Environment, "test", project, "-c", "Release");

        var summary = System.Text.RegularExpressions.Regex.Match(outcome.StandardOutput, @"Passed!\s+-\s+Failed:\s+0, Passed:\s+(\d+)");
        Assert.That(summary.Success, Is.True, outcome.ToString());
        Assert.That(int.Parse(summary.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(atLeast), outcome.StandardOutput);
    }

    [Test]
    public void ThePackagesDeclareTheirVersionDocsAndDependencies()
    {
        var version = ThirdPartyWorkspace.SdkVersion;

        var learning = Nuspec("Qml.Learning", version);
        var learningFiles = Files("Qml.Learning", version);

        Assert.Multiple(() =>
        {
            Assert.That(Dependencies(learning), Does.Contain($"Qml.Abstractions {version}"));
            Assert.That(Dependencies(Nuspec("Qml.Qasm", version)), Does.Contain($"Qml.Abstractions {version}"));
            Assert.That(Dependencies(Nuspec("Qml.Models.TestKit", version)), Does.Contain($"Qml.Learning {version}").And.Contain($"Qml.Backends.Conformance {version}"));
            Assert.That(learningFiles, Does.Contain("lib/net10.0/Qml.Learning.dll").And.Contain("lib/net10.0/Qml.Learning.xml"));
            Assert.That(Files("Qml.Abstractions", version), Does.Contain("lib/net10.0/Qml.Abstractions.xml").And.Contain("README.md"));
            Assert.That(Element(learning, "description"), Is.Not.Empty);
            Assert.That(Element(learning, "authors"), Is.Not.Empty);
        });
    }

    private static (string?, string?, string?) NewtonsoftOf(JsonElement plugin)
    {
        var assembly = plugin.GetProperty("details").GetProperty("assemblies").EnumerateArray()
            .Single(a => a.GetProperty("name").GetString() == "Newtonsoft.Json");
        return (assembly.GetProperty("source").GetString(), assembly.GetProperty("path").GetString(), assembly.GetProperty("note").GetString());
    }

    private static double[] Probabilities(JsonElement run) =>
        [.. run.GetProperty("probabilities").EnumerateArray().Select(p => p.GetDouble())];

    private XDocument Nuspec(string id, string version)
    {
        using var archive = ZipFile.OpenRead(Path.Combine(workspace.Feed, $"{id}.{version}.nupkg"));
        using var stream = archive.GetEntry($"{id}.nuspec")!.Open();
        return XDocument.Load(stream);
    }

    private string[] Files(string id, string version)
    {
        using var archive = ZipFile.OpenRead(Path.Combine(workspace.Feed, $"{id}.{version}.nupkg"));
        return [.. archive.Entries.Select(e => e.FullName)];
    }

    private static string[] Dependencies(XDocument nuspec) =>
        [.. nuspec.Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => $"{e.Attribute("id")!.Value} {e.Attribute("version")!.Value}")];

    private static string Element(XDocument nuspec, string name) =>
        nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value ?? string.Empty;
}
