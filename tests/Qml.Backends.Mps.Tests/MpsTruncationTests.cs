using System.Globalization;
using System.Numerics;
using Qml.Abstractions.Execution;
using Qml.Backends.Mps.Tests.Support;

namespace Qml.Backends.Mps.Tests;

/// <summary>With a small bond cap the MPS is approximate, and says how much.</summary>
[TestFixture]
public sealed class MpsTruncationTests
{
    [Test]
    public async Task BondTwoOnAnEntangledCircuitReportsDiscardedWeightAndAPlausibleFidelity()
    {
        var circuit = TestCircuits.BrickWall(10, 6, seed: 3);
        var request = new ExecutionRequest { Circuit = circuit, Outputs = ResultKinds.State };
        using var truncated = TestBackends.Mps(("max-bond", "2"));
        using var exact = TestBackends.Cpu();
        var approximate = await truncated.ExecuteAsync(request);
        var reference = await exact.ExecuteAsync(request);

        var diagnostics = approximate.Diagnostics;
        var estimate = double.Parse(diagnostics.Details["fidelityEstimate"], CultureInfo.InvariantCulture);
        Complex overlap = 0;
        var a = approximate.States!.Row(0);
        var b = reference.States!.Row(0);
        for (var i = 0; i < a.Length; i++)
        {
            overlap += Complex.Conjugate(b[i]) * a[i];
        }

        var fidelity = overlap.Magnitude * overlap.Magnitude;
        Assert.Multiple(() =>
        {
            Assert.That(diagnostics.MaxBondDimension, Is.EqualTo(2), "bond capped at 2");
            Assert.That(diagnostics.TruncationError, Is.GreaterThan(1e-3), "weight was discarded");
            Assert.That(fidelity, Is.LessThan(0.999), "the state is visibly approximate");
            Assert.That(estimate, Is.LessThan(1.0).And.GreaterThan(0.0), "fidelity estimate");

            // Π(1 − ε) tracks the true overlap to first order; allow generous slack for the
            // correlations between successive truncations it ignores.
            Assert.That(estimate, Is.EqualTo(fidelity).Within(0.25), $"estimate {estimate:F4} vs overlap {fidelity:F4}");
            Assert.That(1.0 - estimate, Is.LessThanOrEqualTo(diagnostics.TruncationError + 1e-12), "1 − Π(1 − ε) ≤ Σ ε");
        });
    }

    [Test]
    public async Task CutoffDropsSmallTailsAndReportsThem()
    {
        // Small rotations make a spectrum with tiny tails: a loose cutoff drops them, the default keeps them.
        var builder = new Qml.Abstractions.Circuits.CircuitBuilder(8);
        for (var layer = 0; layer < 4; layer++)
        {
            for (var q = 0; q < 8; q++)
            {
                builder.RY(q, 0.07 * (q + 1) * (layer + 1));
            }

            for (var q = layer % 2; q + 1 < 8; q += 2)
            {
                builder.CX(q, q + 1);
            }
        }

        var request = new ExecutionRequest { Circuit = builder.Build(), Observables = [Qml.Abstractions.Observables.Observable.Z(7)], Outputs = ResultKinds.Expectations };
        using var loose = TestBackends.Mps(("cutoff", "1e-3"));
        using var tight = TestBackends.Mps();
        var looseResult = await loose.ExecuteAsync(request);
        var tightResult = await tight.ExecuteAsync(request);
        Assert.That(looseResult.Diagnostics.TruncationError, Is.GreaterThan(0.0).And.LessThanOrEqualTo(int.Parse(looseResult.Diagnostics.Details["svds"], CultureInfo.InvariantCulture) * 1e-3), "each SVD discards at most the cutoff");
        Assert.That(looseResult.Diagnostics.MaxBondDimension, Is.LessThan(tightResult.Diagnostics.MaxBondDimension), "smaller bonds");
        Assert.That(tightResult.Diagnostics.TruncationError, Is.EqualTo(0.0), "the default keeps them");
    }
}
