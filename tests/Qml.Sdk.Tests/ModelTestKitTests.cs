using NUnit.Framework.Internal;
using Qml.Learning.Models;
using Qml.Models.TestKit;

namespace Qml.Sdk.Tests;

/// <summary>The model test kit itself, on a small real hybrid model: every check of the kit runs and passes.</summary>
[TestFixture]
public sealed class ModelTestKitTests : ModelTestKit
{
    protected override IModelFactory CreateFactory() => new TinyModelFactory();
}

/// <summary>The kit's checks can fail: a model whose weights ignore the seed is caught.</summary>
public sealed class ModelTestKitDetectsTests
{
    [Test]
    public void AModelThatIgnoresTheSeedFailsTheSeedCheck()
    {
        var checks = new ModelChecks(() => new FixedSeedFactory(), () => new ExactTestBackend(), ModelOptions.Default, 3, 2, 1e-5);

        AssertionException? error = null;
        // Runs the check in its own result, so its expected failure is not this test's.
        using (new TestExecutionContext.IsolatedContext())
        {
            try
            {
                checks.SeedDecidesTheWeights();
            }
            catch (AssertionException e)
            {
                error = e;
            }
        }

        Assert.That(error?.Message, Does.Contain("the seed is ignored"));
    }

    private sealed class FixedSeedFactory : IModelFactory
    {
        private readonly TinyModelFactory inner = new();

        public string Name => inner.Name;

        public ModelDescriptor Describe() => inner.Describe();

        public IModel Create(ModelOptions options, ModelContext context) => inner.Create(options, context with { Seed = 42 });
    }
}
