using Qml.Abstractions.Execution;
using Qml.Abstractions.Observables;
using Qml.Backends.Mps.Tests.Support;

namespace Qml.Backends.Mps.Tests;

/// <summary>Registers far beyond a statevector: 60–100 qubits at low entanglement.</summary>
[TestFixture]
public sealed class MpsLargeRegisterTests
{
    [Test]
    public async Task HundredQubitGhzHasUnitCorrelationsNoTruncationAndBondTwo()
    {
        using var backend = TestBackends.Mps(("max-bond", "64"));
        (int, int)[] pairs = [(0, 1), (0, 99), (17, 63), (50, 51), (98, 99), (3, 90)];
        var observables = pairs.Select(p => Observable.FromPauli(PauliString.Z(p.Item1, p.Item2)))
            .Concat(new[] { 0, 42, 99 }.Select(Observable.Z))
            .Append(Observable.FromPauli(PauliString.X(Enumerable.Range(0, 100).ToArray())))
            .ToArray();
        var result = await backend.ExecuteAsync(new ExecutionRequest
        {
            Circuit = TestCircuits.Ghz(100),
            Observables = [.. observables],
            Outputs = ResultKinds.Expectations,
        });
        var values = result.Expectations!.Row(0).ToArray();
        Assert.Multiple(() =>
        {
            for (var i = 0; i < pairs.Length; i++)
            {
                Assert.That(values[i], Is.EqualTo(1.0).Within(1e-12), $"⟨Z{pairs[i].Item1} Z{pairs[i].Item2}⟩");
            }

            for (var i = 0; i < 3; i++)
            {
                Assert.That(values[pairs.Length + i], Is.EqualTo(0.0).Within(1e-12), $"⟨Z⟩ #{i}");
            }

            Assert.That(values[^1], Is.EqualTo(1.0).Within(1e-12), "⟨X^⊗100⟩ of GHZ is 1");
            Assert.That(result.Diagnostics.TruncationError, Is.EqualTo(0.0), "nothing discarded");
            Assert.That(result.Diagnostics.MaxBondDimension, Is.EqualTo(2), "GHZ bonds are 2");
            Assert.That(result.Diagnostics.Details["fidelityEstimate"], Is.EqualTo("1"));
        });
    }

    [Test]
    public async Task HundredQubitGhzProbabilitiesOfChosenQubitsAreHalfAllZeroHalfAllOne()
    {
        using var backend = TestBackends.Mps();
        var result = await backend.ExecuteAsync(new ExecutionRequest
        {
            Circuit = TestCircuits.Ghz(100),
            Outputs = ResultKinds.Probabilities,
            ProbabilityQubits = [99, 0, 37, 64],
        });
        var expected = new double[16];
        expected[0] = expected[15] = 0.5;
        Assert.That(result.Probabilities!.Row(0).ToArray(), Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public async Task HundredQubitBrickWallWithBondCapRunsAndReportsItsTruncation()
    {
        using var backend = TestBackends.Mps(("max-bond", "64"), ("threads", "1"));
        var result = await backend.ExecuteAsync(new ExecutionRequest
        {
            Circuit = TestCircuits.BrickWall(100, 10, seed: 10),
            Observables = [Observable.Z(0), Observable.Z(50), Observable.FromPauli(PauliString.Z(49, 50))],
            Outputs = ResultKinds.Expectations,
        });
        var diagnostics = result.Diagnostics;
        Assert.Multiple(() =>
        {
            Assert.That(diagnostics.MaxBondDimension, Is.InRange(2, 64), "bond within the cap");
            Assert.That(diagnostics.TruncationError, Is.GreaterThanOrEqualTo(0.0).And.LessThan(1.0), "discarded weight is reported");
            var fidelity = double.Parse(diagnostics.Details["fidelityEstimate"], System.Globalization.CultureInfo.InvariantCulture);
            Assert.That(fidelity, Is.InRange(0.0, 1.0), "fidelity estimate");
            Assert.That(diagnostics.TruncationError > 0 == fidelity < 1, Is.True, "fidelity below 1 exactly when something was discarded");
            Assert.That(result.Expectations!.Row(0).ToArray(), Is.All.InRange(-1.0 - 1e-9, 1.0 + 1e-9), "Pauli expectations within [-1, 1]");
        });
    }

    [Test]
    public async Task SixtyQubitGhzSamplesAreAllZerosOrAllOnesAboutHalfEachAndSeeded()
    {
        using var backend = TestBackends.Mps(("threads", "2"));
        const int Shots = 4000;
        ExecutionRequest Request(ulong seed, int rows) => new()
        {
            Circuit = TestCircuits.Ghz(60),
            Bindings = BindingTable.Empty(rows),
            Outputs = ResultKinds.Samples,
            Shots = Shots,
            Seed = seed,
        };
        var first = await backend.ExecuteAsync(Request(7, 3));
        var samples = first.Samples!;
        Assert.That(samples.BitCount, Is.EqualTo(60));
        const ulong AllOnes = (1UL << 60) - 1;
        for (var row = 0; row < 3; row++)
        {
            var ones = 0;
            for (var shot = 0; shot < Shots; shot++)
            {
                var outcome = samples.Outcome(row, shot);
                Assert.That(outcome is 0 or AllOnes, Is.True, $"row {row}, shot {shot}: {samples.BitString(row, shot)}");
                ones += outcome == AllOnes ? 1 : 0;
            }

            Assert.That(ones, Is.EqualTo(Shots / 2).Within(5 * Math.Sqrt(Shots / 4.0)), $"row {row}: a fair coin");
        }

        var again = await backend.ExecuteAsync(Request(7, 3));
        var single = await backend.ExecuteAsync(Request(7, 1));
        var other = await backend.ExecuteAsync(Request(8, 1));
        Assert.That(again.Samples!.Words, Is.EqualTo(samples.Words), "same seed, same samples");
        Assert.That(single.Samples!.Words, Is.EqualTo(samples.Words.AsSpan(0, Shots).ToArray()), "row 0 does not depend on the batch size");
        Assert.That(other.Samples!.Words, Is.Not.EqualTo(single.Samples.Words), "another seed, other samples");
    }

    [Test]
    public void StatesOfLargeRegistersAreRefusedNamingTheLimit()
    {
        using var backend = TestBackends.Mps();
        var error = Assert.ThrowsAsync<BackendException>(() => backend.ExecuteAsync(new ExecutionRequest { Circuit = TestCircuits.Ghz(40), Outputs = ResultKinds.State }));
        Assert.That(error!.Message, Does.Contain("40").And.Contain(MpsCapabilities.MaxStateQubits.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
