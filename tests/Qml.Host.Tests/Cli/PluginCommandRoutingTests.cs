using Qml.Host.Cli;

namespace Qml.Host.Tests.Cli;

public sealed class PluginCommandRoutingTests
{
    [TestCase(new[] { "import-qkan", "f" }, 0)]
    [TestCase(new[] { "--plugins", "dir", "import-qkan" }, 2)]
    [TestCase(new[] { "--format", "json", "--verbose", "x" }, 3)]
    [TestCase(new[] { "--plugins=dir", "x" }, 1)]
    [TestCase(new[] { "--help" }, -1)]
    [TestCase(new string[0], -1)]
    public void TheCommandTokenIsTheFirstTokenThatIsNeitherAnOptionNorAGlobalOptionValue(string[] args, int expected) =>
        Assert.That(PluginCommandRouting.FindCommandToken(args), Is.EqualTo(expected));

    [Test]
    public void GlobalOptionsAndTheirValuesAreRemovedFromThePassthrough() =>
        Assert.That(
            PluginCommandRouting.WithoutGlobalOptions(["a", "--plugins", "p", "--out", "o", "--format=json", "--plugins:q", "b"]),
            Is.EqualTo(new[] { "a", "--out", "o", "b" }));
}
