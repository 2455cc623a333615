using System.Numerics;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;
using Qml.Backends.Cpu.Gradients;
using Qml.Backends.Cpu.Memory;
using Qml.Backends.Cpu.Tests.Support;

namespace Qml.Backends.Cpu.Tests.Gradients;

/// <summary>The fused Re⟨λ|∂U|ψ⟩ equals applying ∂U to a copy of ψ and taking the inner product.</summary>
public sealed class DerivativeInnerProductTests
{
    private static IEnumerable<OperationKind> Parameterized =>
        GateDefinition.All.Where(d => d.IsParameterized).Select(d => d.Kind);

    [TestCaseSource(nameof(Parameterized))]
    public void MatchesTheNaiveProductOnEveryQubitPlacement(OperationKind kind)
    {
        const int n = 5;
        var definition = GateDefinition.Of(kind);
        var random = new Random(7 + (int)kind);
        var angles = Enumerable.Range(0, definition.AngleCount).Select(_ => (random.NextDouble() * 6) - 3).ToArray();
        using var lambda = new StateBuffer(n);
        using var psi = new StateBuffer(n);
        NaiveStatevector.RandomState(random, n).CopyTo(lambda.Amplitudes);
        var psiValues = NaiveStatevector.RandomState(random, n);
        psiValues.CopyTo(psi.Amplitudes);

        foreach (var qubits in Placements(n, definition.QubitCount))
        {
            var operation = Operation.Gate(kind, qubits, [.. angles.Select(a => (Angle)a)]);
            for (var j = 0; j < definition.AngleCount; j++)
            {
                var matrix = new Complex[GateMatrices.Dimension(kind) * GateMatrices.Dimension(kind)];
                GateMatrices.FillDerivative(kind, angles, j, matrix);
                var applied = (Complex[])psiValues.Clone();
                NaiveStatevector.Apply(applied, matrix, qubits);
                var lambdaValues = lambda.Amplitudes.ToArray();
                var expected = lambdaValues.Zip(applied, (l, d) => (Complex.Conjugate(l) * d).Real).Sum();

                foreach (var threads in new[] { 1, 2 })
                {
                    Assert.That(DerivativeInnerProduct.Compute(operation, angles, j, lambda, psi, threads), Is.EqualTo(expected).Within(1e-12), $"qubits [{string.Join(",", qubits)}], angle {j}, {threads} thread(s)");
                }
            }
        }
    }

    private static IEnumerable<int[]> Placements(int n, int k) => k == 1
        ? Enumerable.Range(0, n).Select(q => new[] { q })
        : from a in Enumerable.Range(0, n) from b in Enumerable.Range(0, n) where a != b select new[] { a, b };
}
