using Qml.Abstractions.Execution;

namespace Qml.Abstractions.Tests.Execution;

public sealed class BackendOptionsTests
{
    [Test]
    public void ParsesKeyValuePairsCaseInsensitively()
    {
        var options = BackendOptions.Parse(["threads=2", "Cutoff = 1e-8"]);

        Assert.That(options.GetInt("THREADS", 1, 1, 8), Is.EqualTo(2));
        Assert.That(options.GetDouble("cutoff", 0), Is.EqualTo(1e-8));
        Assert.That(options.GetInt("missing", 7), Is.EqualTo(7));
    }

    [Test]
    public void OutOfRangeValueNamesKeyAndRange()
    {
        var options = BackendOptions.Parse(["threads=0"]);

        var error = Assert.Throws<QmlException>(() => options.GetInt("threads", 1, 1, 8));

        Assert.That(error!.Message, Does.Contain("'threads=0'").And.Contain("1..8"));
    }

    [Test]
    public void UnknownKeysListTheValidOnes()
    {
        var options = BackendOptions.Parse(["thread=2"]);

        var error = Assert.Throws<QmlException>(() => options.RequireKnown("cpu", [new BackendOptionInfo("threads", "worker threads", "2")]));

        Assert.That(error!.Message, Does.Contain("no option 'thread'").And.Contain("valid: threads"));
    }

    [Test]
    public void MalformedItemIsRejected()
    {
        Assert.Throws<QmlException>(() => BackendOptions.Parse(["threads"]));
    }
}
