using Qml.Abstractions;
using Qml.Host.Cli.Commands;

namespace Qml.Host.Tests.Cli;

public sealed class ServeRetentionOptionTests
{
    [TestCase("7d", 7 * 24 * 3600.0)]
    [TestCase("12h", 12 * 3600.0)]
    [TestCase("30m", 1800.0)]
    [TestCase("90s", 90.0)]
    [TestCase("1.5H", 5400.0)]
    public void Durations_read_with_their_unit(string text, double seconds) =>
        Assert.That(ServeCommand.ParseRetention(text)!.Value.TotalSeconds, Is.EqualTo(seconds).Within(1e-9));

    [Test]
    public void Forever_keeps_records_without_limit() => Assert.That(ServeCommand.ParseRetention("forever"), Is.Null);

    [TestCase("7")]
    [TestCase("d")]
    [TestCase("-1d")]
    [TestCase("0h")]
    [TestCase("0.5s")]
    [TestCase("3w")]
    [TestCase("nand")]
    public void Invalid_durations_are_refused_naming_the_option_and_the_valid_forms(string text)
    {
        var error = Assert.Throws<QmlException>(() => ServeCommand.ParseRetention(text))!;
        Assert.That(error.Message, Does.Contain("--job-retention").And.Contain($"'{text}'").And.Contain("7d").And.Contain("forever"));
    }
}
