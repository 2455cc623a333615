using Qml.Learning.Models;
using Qml.Models.TestKit;

namespace Qml.Samples.QuantumClassifier.Tests;

/// <summary>The shared model test kit: seeded weights, gradients against finite differences, checkpoint round trip, card, options.</summary>
[TestFixture]
public sealed class ModelKitTests : ModelTestKit
{
    protected override IModelFactory CreateFactory() => new ModelFactory();
}
