using Qml.Abstractions;
using Qml.Learning.Models;
using Qml.Learning.Quantum;
using Qml.Models.Qkan.Models;
using Qml.Models.Qkan.Recurrent;

namespace Qml.Models.Qkan.Tests.Recurrent;

public sealed class RecurrentFactoryTests
{
    private static readonly ModelContext Windows = new(SpecReference.Backend, DifferentiationMethod.Auto, Seed: 0, InputFeatures: 8, Outputs: 1, ModelTask.Regression, SequenceLength: 8);

    [Test]
    public void Mix_and_gate_bias_build_the_per_unit_cell_with_their_parameter_counts()
    {
        var model = new QkanLstmModelFactory().Create(ModelOptions.Parse(["hidden=8", "reps=2", "mix=3", "gate-bias=true"]), Windows);
        var cell = (PerUnitQkanLstmCell)((SequenceForecaster)model.Network).Recurrent;
        Assert.Multiple(() =>
        {
            Assert.That(cell.MixRank, Is.EqualTo(3));
            Assert.That(cell.HasGateBias, Is.True);

            // x → 32 and h → 32 per unit (6 theta each), V 8 → 3, U 3 → 32, gate bias 32, head 9.
            Assert.That(model.Network.ParameterCount, Is.EqualTo((2 * 32 * 6) + (8 * 3) + (3 * 32) + 32 + 9));
        });
    }

    [TestCase("ring=2")]
    [TestCase("mix=2")]
    [TestCase("gate-bias=true")]
    public void Per_unit_options_with_full_gates_are_refused_by_name(string option)
    {
        var error = Assert.Throws<QmlException>(() => new QkanLstmModelFactory().Create(ModelOptions.Parse(["hidden=4", "gates=full", option]), Windows));
        Assert.That(error!.Message, Does.Contain("gates=full").And.Contain(option.Split('=')[0]));
    }
}
