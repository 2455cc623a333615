using Qml.Host.Tests.Plugins;

namespace Qml.Host.Tests.Cli;

/// <summary>Plugin-supplied top-level commands (<c>IPluginCommand</c>) through the built qml.</summary>
[NonParallelizable]
public sealed class PluginCommandCliTests
{
    [Test]
    public void APluginCommandGetsItsArgumentsInOrderWithoutTheGlobalOptions()
    {
        using var folder = new TempPluginDirectory();
        folder.AddFixture(Fixtures.Good);

        var outcome = QmlProcess.Run("fixture-echo", "a", "--out", "b", "--plugins", folder.Path, "-x", "--format", "json", "c");

        Assert.That(outcome.ExitCode, Is.Zero, outcome.ToString());
        Assert.That(outcome.StandardOutput, Does.Contain("args=a|--out|b|-x|c"));
        Assert.That(outcome.StandardOutput, Does.Contain("json=True"));
        Assert.That(outcome.StandardOutput, Does.Contain("backends=fixture-good"), "the command sees the composed services");
    }

    [Test]
    public void GlobalOptionsBeforeTheCommandNameAlsoWork()
    {
        using var folder = new TempPluginDirectory();
        folder.AddFixture(Fixtures.Good);

        var outcome = QmlProcess.Run("--plugins", folder.Path, "fixture-echo", "x");

        Assert.That(outcome.ExitCode, Is.Zero, outcome.ToString());
        Assert.That(outcome.StandardOutput, Does.Contain("args=x").And.Contain("json=False"));
    }

    [Test]
    public void APluginCommandsExitCodeAndErrorsReachTheShell()
    {
        using var folder = new TempPluginDirectory();
        folder.AddFixture(Fixtures.Good);

        var exit = QmlProcess.Run("fixture-echo", "exit", "7", "--plugins", folder.Path);
        var fail = QmlProcess.Run("fixture-echo", "fail", "--plugins", folder.Path);

        Assert.That(exit.ExitCode, Is.EqualTo(7), exit.ToString());
        Assert.That(fail.ExitCode, Is.EqualTo(2), fail.ToString());
        Assert.That(fail.StandardError, Does.Contain("error: fixture-echo was asked to fail"));
    }

    [Test]
    public void RootHelpListsPluginCommands()
    {
        using var folder = new TempPluginDirectory();
        folder.AddFixture(Fixtures.Good);

        var outcome = QmlProcess.Run("--help", "--plugins", folder.Path);

        Assert.That(outcome.ExitCode, Is.Zero, outcome.ToString());
        Assert.That(outcome.StandardOutput, Does.Contain("fixture-echo").And.Contain("Echoes its arguments"));
    }

    [Test]
    public void AnUnknownCommandWithoutAPluginCommandIsAUsageError()
    {
        using var folder = new TempPluginDirectory();
        folder.AddFixture(Fixtures.Good);

        var outcome = QmlProcess.Run("no-such-command", "--plugins", folder.Path);

        Assert.That(outcome.ExitCode, Is.EqualTo(1), outcome.ToString());
        Assert.That(outcome.StandardError, Does.Contain("no-such-command"));
    }

    [Test]
    public void PluginCommandsAreNotLoadedWithoutThePluginThatProvidesThem()
    {
        using var folder = new TempPluginDirectory();

        var outcome = QmlProcess.Run("fixture-echo", "a", "--plugins", folder.Path);

        Assert.That(outcome.ExitCode, Is.EqualTo(1), outcome.ToString());
    }
}
