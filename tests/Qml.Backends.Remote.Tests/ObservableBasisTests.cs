using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Observables;

namespace Qml.Backends.Remote.Tests;

/// <summary>X and Y terms measured by basis rotation, grouped so that each basis is one PUB.</summary>
[TestFixture]
public sealed class ObservableBasisTests
{
    private static readonly Observable[] Observables =
    [
        Observable.Parse("X0"),
        Observable.Parse("X0 X1"),
        Observable.Parse("Z0 Z1"),
        Observable.Parse("Y1"),
        Observable.Parse("0.5*X1 + 2*Y0 Z2 - 0.25"),
        Observable.Parse("Y0 Y1 Y2"),
    ];

    [Test]
    public void CommutingTermsShareABasisAndEveryOtherGroupGetsItsOwn()
    {
        var plan = MeasurementPlan.Create([.. Observables], 3);
        Assert.That(plan.BasisOf(0, 0), Is.EqualTo(plan.BasisOf(1, 0)), "X0 and X0 X1 share a basis");
        Assert.That(plan.BasisOf(2, 0), Is.Zero, "Z0 Z1 is read in the Z basis");
        Assert.That(plan.BasisOf(3, 0), Is.Not.EqualTo(plan.BasisOf(1, 0)), "Y1 does not commute qubit-wise with X0 X1");
        Assert.That(plan.BasisOf(4, 0), Is.EqualTo(plan.BasisOf(1, 0)), "X1 joins X0 X1");
        Assert.That(plan.Bases, Has.Count.EqualTo(4), "Z; {X0 X1}; {Y1, Y0 Z2}; {Y0 Y1 Y2}");
        foreach (var basis in plan.Bases.Skip(1))
        {
            Assert.That(basis.Count(p => p != Pauli.I), Is.GreaterThan(0));
        }
    }

    [Test]
    public void TheRotationIsHForXAndSdgThenHForY()
    {
        var plan = MeasurementPlan.Create([Observable.Parse("X0 Y1")], 3);
        var rotated = plan.Rotated(new CircuitBuilder(3).CX(0, 2).Build(), 1);
        Assert.That(rotated.Operations.Skip(1).Select(o => (o.Kind.ToString(), o.Qubits[0])), Is.EqualTo(new[] { ("H", 0), ("Sdg", 1), ("H", 1) }));
    }

    [Test]
    public async Task XAndYExpectationsMatchExactValuesWithinSamplingErrorInOneJobWithOnePubPerBasis()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var remote = server.CreateRemote();
        using var cpu = LoopbackServer.Cpu();
        var builder = new CircuitBuilder(3, 3);
        var a = builder.Input("a");
        var b = builder.Input("b");
        var circuit = builder.RY(0, a).RX(1, b).CX(0, 2).RZ(2, 0.7).H(1).S(1).CRY(1, 0, 0.9).RX(2, a).Measure(0, 0).Measure(1, 1).Measure(2, 2).Build();
        var bindings = BindingTable.FromRows([[0.3, 1.1], [2.2, -0.4]]);
        const int shots = 20_000;
        var remoteResult = await remote.ExecuteAsync(new ExecutionRequest
        {
            Circuit = circuit,
            Bindings = bindings,
            Outputs = ResultKinds.Expectations,
            Observables = [.. Observables],
            Shots = shots,
            Seed = 3,
        });
        var exact = await cpu.ExecuteAsync(new ExecutionRequest
        {
            Circuit = circuit.WithoutNonUnitary(),
            Bindings = bindings,
            Outputs = ResultKinds.Expectations,
            Observables = [.. Observables],
        });

        for (var row = 0; row < bindings.Rows; row++)
        {
            for (var o = 0; o < Observables.Length; o++)
            {
                // Each term's mean has σ ≤ 1/√shots; summing |c|·5σ bounds the observable's error.
                var bound = Observables[o].Terms.Where(t => !t.Pauli.IsIdentity).Sum(t => Math.Abs(t.Coefficient)) * 5 / Math.Sqrt(shots);
                Assert.That(remoteResult.Expectations![row, o], Is.EqualTo(exact.Expectations![row, o]).Within(bound), $"row {row}, {Observables[o]}");
            }
        }

        var job = server.Server.Jobs.Single();
        Assert.That(job.Pubs, Has.Count.EqualTo(MeasurementPlan.Create([.. Observables], 3).Bases.Count), "one job, one PUB per basis");
    }

    [Test]
    public async Task IdentityOnlyObservablesNeedNoJob()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var remote = server.CreateRemote();
        var result = await remote.ExecuteAsync(new ExecutionRequest
        {
            Circuit = new CircuitBuilder(1).H(0).Build(),
            Outputs = ResultKinds.Expectations,
            Observables = [Observable.Parse("1.5")],
        });
        Assert.That(result.Expectations![0, 0], Is.EqualTo(1.5));
        Assert.That(server.Server.JobCount, Is.Zero);
    }
}
