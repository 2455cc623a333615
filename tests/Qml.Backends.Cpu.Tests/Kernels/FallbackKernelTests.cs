using System.Diagnostics;

namespace Qml.Backends.Cpu.Tests.Kernels;

/// <summary>
/// Re-runs the "Kernels" category in child processes with AVX-512, then AVX2, switched off, so
/// the narrower and the scalar paths run on this machine too.
/// </summary>
public sealed class FallbackKernelTests
{
    private const string ChildGuard = "QML_CPU_KERNEL_CHILD";

    [TestCase("DOTNET_EnableAVX512", "DOTNET_EnableAVX512F", Description = "AVX2 path")]
    [TestCase("DOTNET_EnableAVX2", "DOTNET_EnableAVX2", Description = "scalar path")]
    public void KernelTestsPassWithInstructionSetDisabled(string switchName, string legacySwitchName)
    {
        if (Environment.GetEnvironmentVariable(ChildGuard) == "1")
        {
            Assert.Ignore("Already inside a child run.");
        }

        var assembly = typeof(FallbackKernelTests).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "test", assembly, "--filter", "TestCategory=Kernels" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment[switchName] = "0";
        start.Environment[legacySwitchName] = "0";
        start.Environment[ChildGuard] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        Assert.That(process.WaitForExit(TimeSpan.FromMinutes(2)), Is.True, "the child test run did not finish in 2 minutes");
        var text = output.Result + errors.Result;
        Assert.Multiple(() =>
        {
            Assert.That(process.ExitCode, Is.EqualTo(0), text);
            Assert.That(text, Does.Match(@"Passed:\s*[1-9]\d*"), text);
            Assert.That(text, Does.Match(@"Failed:\s*0"), text);
        });
    }
}
