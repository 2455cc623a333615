using Qml.Learning.Layers;
using Qml.Learning.Tensors;
using Qml.Models.Qkan.Layers;
using Qml.Models.Qkan.Recurrent;

namespace Qml.Models.Qkan.Tests.Recurrent;

public sealed class RecurrentGradientTests
{
    private const int Batch = 2, Steps = 3, Features = 2, Hidden = 2;

    private static SequenceForecaster Build(string kind, SequenceHead head)
    {
        var random = new Random(7);
        var options = new QkanLayerOptions { Reps = 2 }.WithAllFlags();
        Module cell = kind switch
        {
            "qkan" => new QkanLstmCell(Features, Hidden, options, random),
            "per-unit" => new PerUnitQkanLstmCell(Features, Hidden, options, random),
            "ring" => new PerUnitQkanLstmCell(Features, Hidden, options, random, ring: 2),
            "mix" => new PerUnitQkanLstmCell(Features, Hidden, options, random, mixRank: 1, gateBias: true),
            "hqkan" => new HqkanLstmCell(Features, Hidden, options, random, latentIn: 2, latentOut: 2),
            "qlstm" => new QlstmCell(Features, Hidden, SpecReference.Backend, qubits: 2, layers: 2, random),
            _ => new Lstm(Features, Hidden, random),
        };
        var model = new SequenceForecaster(cell, Steps, Features, Hidden, outputs: 1, random, head);

        // Move every parameter off its initial value (post-activations start at 1/0, pre-activations at 1/0).
        foreach (var (_, p) in model.NamedParameters())
        {
            var data = p.Value.Data;
            for (int k = 0; k < data.Length; k++)
            {
                data[k] += 0.3 * ((random.NextDouble() * 2) - 1);
            }
        }

        return model;
    }

    [TestCase("qkan", SequenceHead.SequenceToOne)]
    [TestCase("qkan", SequenceHead.SequenceToSequence)]
    [TestCase("per-unit", SequenceHead.SequenceToOne)]
    [TestCase("per-unit", SequenceHead.SequenceToSequence)]
    [TestCase("ring", SequenceHead.SequenceToOne)]
    [TestCase("mix", SequenceHead.SequenceToOne)]
    [TestCase("hqkan", SequenceHead.SequenceToOne)]
    [TestCase("hqkan", SequenceHead.SequenceToSequence)]
    [TestCase("qlstm", SequenceHead.SequenceToOne)]
    [TestCase("qlstm", SequenceHead.SequenceToSequence)]
    [TestCase("lstm", SequenceHead.SequenceToSequence)]
    public void Tape_gradients_match_central_differences(string kind, SequenceHead head)
    {
        var model = Build(kind, head);
        var random = new Random(3);
        var x = Enumerable.Range(0, Batch * Steps * Features).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
        int outputs = head == SequenceHead.SequenceToOne ? 1 : Steps;
        var weights = Enumerable.Range(0, Batch * outputs).Select(_ => (random.NextDouble() * 2) - 1).ToArray();

        double Loss()
        {
            var y = model.Forward(Tensor.FromArray([Batch, Steps * Features], x)).ToArray();
            return y.Select((v, k) => v * weights[k]).Sum();
        }

        model.ZeroGrad();
        var input = Tensor.FromArray([Batch, Steps * Features], (double[])x.Clone());
        input.RequiresGrad = true;
        var output = model.Forward(input);
        Assert.That(output.Shape, Is.EqualTo(new[] { Batch, outputs }));
        Ops.Sum(Ops.Mul(output, Tensor.FromArray([Batch, outputs], weights))).Backward();
        var inputGrad = input.Grad!.ToArray();

        int checkedCount = 0;
        for (int k = 0; k < x.Length; k++)
        {
            double fd = Gradients.Central(Loss, x, k);
            Assert.That(inputGrad[k], Is.EqualTo(fd).Within(1e-7 + (1e-6 * Math.Abs(fd))), $"d/dx[{k}]");
            checkedCount++;
        }

        foreach (var (name, p) in model.NamedParameters())
        {
            var tape = p.Grad?.ToArray() ?? new double[p.Length];
            for (int k = 0; k < p.Length; k++)
            {
                double fd = Gradients.Central(Loss, p.Value.Data, k);
                Assert.That(tape[k], Is.EqualTo(fd).Within(1e-7 + (1e-6 * Math.Abs(fd))), $"d/d{name}[{k}]");
                checkedCount++;
            }
        }

        TestContext.Out.WriteLine($"{kind} {head}: {checkedCount} derivatives checked, {model.ParameterCount} parameters");
    }
}
