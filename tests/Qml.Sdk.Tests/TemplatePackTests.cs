using System.Text.Json;

namespace Qml.Sdk.Tests;

/// <summary>The template pack builds against the SDK this repository packs.</summary>
public sealed class TemplatePackTests
{
    [TestCase("qml-backend", "QmlBackend1")]
    [TestCase("qml-model", "QmlModel1")]
    public void TheTemplatesDefaultSdkVersionIsTheContractVersion(string template, string sourceName)
    {
        var folder = Path.Combine(Repository.Root, "templates", "content", template);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, ".template.config", "template.json")));
        var symbol = json.RootElement.GetProperty("symbols").GetProperty("sdkVersion");
        var project = File.ReadAllText(Path.Combine(folder, sourceName, $"{sourceName}.csproj"));

        Assert.Multiple(() =>
        {
            Assert.That(json.RootElement.GetProperty("shortName").GetString(), Is.EqualTo(template));
            Assert.That(symbol.GetProperty("defaultValue").GetString(), Is.EqualTo(ThirdPartyWorkspace.SdkVersion),
                "raise the template's sdkVersion (template.json and the .csproj files) with QmlContractVersion");
            Assert.That(project, Does.Contain($"<QmlSdkVersion>{ThirdPartyWorkspace.SdkVersion}</QmlSdkVersion>"));
            Assert.That(project, Does.Contain("ExcludeAssets=\"runtime\""), "contract assemblies are never copied into a plugin");
        });
    }
}
