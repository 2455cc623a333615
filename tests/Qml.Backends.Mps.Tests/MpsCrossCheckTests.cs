using System.Numerics;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Observables;
using Qml.Backends.Mps.Tests.Support;

namespace Qml.Backends.Mps.Tests;

/// <summary>The MPS against the CPU statevector on random 12–16 qubit circuits with distant gates.</summary>
[TestFixture]
public sealed class MpsCrossCheckTests
{
    private IBackend _mps = null!;
    private IBackend _cpu = null!;

    [OneTimeSetUp]
    public void CreateBackends()
    {
        _mps = TestBackends.Mps();
        _cpu = TestBackends.Cpu();
    }

    [OneTimeTearDown]
    public void DisposeBackends()
    {
        _mps.Dispose();
        _cpu.Dispose();
    }

    [TestCase(12, 40)]
    [TestCase(14, 40)]
    [TestCase(16, 30)]
    public async Task StatesAndExpectationsMatchTheStatevector(int qubits, int gates)
    {
        var circuit = TestCircuits.Random(qubits, gates, seed: qubits);
        var bindings = BindingTable.FromRows([[0.3, -1.2], [2.1, 0.4]]);
        Observable[] observables =
        [
            Observable.Z(0),
            Observable.Parse($"X0 Y{qubits - 1}"),
            Observable.Parse($"0.5*Z3 Z{qubits / 2} - 0.25*X{qubits - 2} + 1.5"),
            Observable.FromPauli(PauliString.Create(Enumerable.Range(0, qubits).Select(q => (q, (Pauli)(1 + (q % 3)))))),
        ];
        var request = new ExecutionRequest
        {
            Circuit = circuit,
            Bindings = bindings,
            Observables = [.. observables],
            Outputs = ResultKinds.Expectations | ResultKinds.State,
        };
        var mps = await _mps.ExecuteAsync(request);
        var cpu = await _cpu.ExecuteAsync(request);
        Assert.That(mps.Diagnostics.TruncationError, Is.LessThan(1e-15), "no truncation with default options");
        for (var row = 0; row < bindings.Rows; row++)
        {
            Assert.That(mps.Expectations!.Row(row).ToArray(), Is.EqualTo(cpu.Expectations!.Row(row).ToArray()).Within(1e-10), $"row {row} expectations");
            var worst = 0.0;
            var a = mps.States!.Row(row);
            var b = cpu.States!.Row(row);
            for (var i = 0; i < a.Length; i++)
            {
                worst = Math.Max(worst, (a[i] - b[i]).Magnitude);
            }

            Assert.That(worst, Is.LessThan(1e-10), $"row {row} amplitudes");
        }
    }

    [Test]
    public async Task ProbabilitiesOfScatteredQubitsMatchTheStatevector()
    {
        var circuit = TestCircuits.Random(13, 30, seed: 99);
        var request = new ExecutionRequest
        {
            Circuit = circuit,
            Bindings = BindingTable.Single(0.7, -0.1),
            Outputs = ResultKinds.Probabilities,
            ProbabilityQubits = [12, 0, 5, 7],
        };
        var mps = await _mps.ExecuteAsync(request);
        var cpu = await _cpu.ExecuteAsync(request);
        Assert.That(mps.Probabilities!.Row(0).ToArray(), Is.EqualTo(cpu.Probabilities!.Row(0).ToArray()).Within(1e-10));
    }

    [Test]
    public void SamplesOfABiasedStateFollowTheStatevectorProbabilities()
    {
        // Statistics only: the MPS samples qubit by qubit, the CPU through a cumulative table.
        var circuit = TestCircuits.BrickWall(6, 3, seed: 4);
        var probabilities = _cpu.ExecuteAsync(new ExecutionRequest { Circuit = circuit, Outputs = ResultKinds.Probabilities }).Result.Probabilities!.Row(0).ToArray();
        const int Shots = 20_000;
        var samples = _mps.ExecuteAsync(new ExecutionRequest { Circuit = circuit, Outputs = ResultKinds.Samples, Shots = Shots, Seed = 11 }).Result.Samples!;
        var counts = new int[64];
        for (var shot = 0; shot < Shots; shot++)
        {
            counts[samples.Outcome(0, shot)]++;
        }

        for (var outcome = 0; outcome < 64; outcome++)
        {
            var p = probabilities[outcome];
            Assert.That(counts[outcome], Is.EqualTo(Shots * p).Within((5 * Math.Sqrt(Shots * p * (1 - p))) + 1), $"outcome {outcome}");
        }
    }
}
