using System.Reflection;
using System.Runtime.CompilerServices;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Plugins;

namespace Qml.Abstractions.Tests;

/// <summary>
/// Tracks the public surface of the three SDK assemblies (the NuGet packages plugins build
/// against): any change fails until PublicApi.&lt;Assembly&gt;.approved.txt is updated, so a
/// change to the contract is a visible decision, and a breaking one needs a new major
/// (<see cref="PublicApiApproval"/>).
/// </summary>
public sealed class PublicApiTests
{
    private static readonly Assembly[] Sdk =
    [
        typeof(Circuit).Assembly,
        typeof(Qml.Qasm.QasmReader).Assembly,
        typeof(Qml.Learning.Tensors.Tensor).Assembly,
    ];

    private static IEnumerable<string> SdkAssemblies() => Sdk.Select(a => a.GetName().Name!);

    [TestCaseSource(nameof(SdkAssemblies))]
    public void PublicApiMatchesTheApprovedList(string assemblyName)
    {
        var assembly = Sdk.Single(a => a.GetName().Name == assemblyName);
        var approvedPath = Path.Combine(SourceDirectory(), $"PublicApi.{assemblyName}.approved.txt");
        var receivedPath = Path.Combine(SourceDirectory(), $"PublicApi.{assemblyName}.received.txt");
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath) : null;

        var verdict = PublicApiApproval.Check(assemblyName, assembly.GetName().Version!, PublicApiSurface.Describe(assembly), approved);

        if (!verdict.Approved)
        {
            File.WriteAllText(receivedPath, verdict.Received);
            Assert.Fail($"{verdict.Message}\nReview the difference between {approvedPath} and {receivedPath}; if it is intended, " +
                        "move the received file over the approved one.");
        }

        File.Delete(receivedPath);
    }

    [Test]
    public void TheContractVersionConstantsMatchTheSdkAssemblyVersions()
    {
        Assert.Multiple(() =>
        {
            foreach (var assembly in Sdk)
            {
                Assert.That(assembly.GetName().Version!.ToString(2), Is.EqualTo(ContractVersion.Current.ToString(2)),
                    $"{assembly.GetName().Name}: QmlContractVersion (Directory.Build.props) and ContractVersion.Major/Minor must agree");
            }
        });
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
