using Qml.Learning.Layers;
using Qml.Learning.Tensors;

namespace Qml.Learning.Tests.Layers;

/// <summary>The restartable mask stream the trainer uses to make dropout resumable.</summary>
public sealed class DropoutStreamTests
{
    [Test]
    public void Reseeding_repeats_the_masks_whatever_was_drawn_before()
    {
        Tensor x = Tensor.Ones(30, 20);
        var used = new Dropout(0.4, seed: 9);
        var fresh = new Dropout(0.4, seed: 9);
        _ = used.Forward(x);
        _ = used.Forward(x);

        used.Reseed(streamSeed: 123, index: 0);
        fresh.Reseed(streamSeed: 123, index: 0);

        Assert.That(used.Forward(x).ToArray(), Is.EqualTo(fresh.Forward(x).ToArray()));
        Assert.That(used.Forward(x).ToArray(), Is.EqualTo(fresh.Forward(x).ToArray()), "and the draws after that");
    }

    [TestCase(124, 0)]
    [TestCase(123, 1)]
    public void Another_stream_seed_or_place_gives_other_masks(int streamSeed, int index)
    {
        Tensor x = Tensor.Ones(30, 20);
        var a = new Dropout(0.4, seed: 9);
        var b = new Dropout(0.4, seed: 9);
        a.Reseed(123, 0);
        b.Reseed(streamSeed, index);

        Assert.That(a.Forward(x).ToArray(), Is.Not.EqualTo(b.Forward(x).ToArray()));
    }

    [Test]
    public void Reseeded_masks_still_drop_about_p()
    {
        Tensor x = Tensor.Ones(200, 100);
        var dropout = new Dropout(0.3, seed: 2);
        dropout.Reseed(7, 3);

        double dropped = dropout.Forward(x).ToArray().Count(v => v == 0) / (double)x.Length;

        Assert.That(dropped, Is.EqualTo(0.3).Within(0.01));
    }
}
