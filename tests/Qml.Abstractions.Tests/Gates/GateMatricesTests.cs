using System.Numerics;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;

namespace Qml.Abstractions.Tests.Gates;

public sealed class GateMatricesTests
{
    private static IEnumerable<OperationKind> NamedGates() =>
        GateDefinition.All.Where(d => d.IsUnitary && d.Kind != OperationKind.Unitary).Select(d => d.Kind);

    private static IEnumerable<OperationKind> ParameterizedGates() =>
        GateDefinition.All.Where(d => d.IsParameterized).Select(d => d.Kind);

    [TestCaseSource(nameof(NamedGates))]
    public void EveryNamedGateIsUnitaryAndHonoursItsFlags(OperationKind kind)
    {
        var definition = GateDefinition.Of(kind);
        var angles = Enumerable.Range(0, definition.AngleCount).Select(i => 0.37 + (1.3 * i)).ToArray();
        var matrix = GateMatrices.Create(kind, angles);
        var dimension = GateMatrices.Dimension(kind);

        Assert.That(UnitaryMatrix.UnitarityError(matrix, dimension), Is.LessThan(1e-14));
        for (var r = 0; r < dimension; r++)
        {
            for (var c = 0; c < dimension; c++)
            {
                var entry = matrix[(r * dimension) + c];
                if (definition.IsDiagonal && r != c)
                {
                    Assert.That(entry, Is.EqualTo(Complex.Zero), $"{kind} is declared diagonal");
                }

                if (definition.IsPermutation)
                {
                    Assert.That(entry == Complex.Zero || entry == Complex.One, Is.True, $"{kind} is declared a permutation");
                }
            }
        }
    }

    [TestCaseSource(nameof(ParameterizedGates))]
    public void DerivativesMatchCentralDifferences(OperationKind kind)
    {
        var definition = GateDefinition.Of(kind);
        var dimension = GateMatrices.Dimension(kind);
        var angles = Enumerable.Range(0, definition.AngleCount).Select(i => -0.8 + (1.1 * i)).ToArray();
        const double h = 1e-6;
        for (var j = 0; j < definition.AngleCount; j++)
        {
            var exact = new Complex[dimension * dimension];
            GateMatrices.FillDerivative(kind, angles, j, exact);
            var plus = (double[])angles.Clone();
            var minus = (double[])angles.Clone();
            plus[j] += h;
            minus[j] -= h;
            var up = GateMatrices.Create(kind, plus);
            var down = GateMatrices.Create(kind, minus);
            for (var i = 0; i < exact.Length; i++)
            {
                var numeric = (up[i] - down[i]) / (2 * h);
                Assert.That((numeric - exact[i]).Magnitude, Is.LessThan(1e-8), $"{kind} ∂/∂angle{j} entry {i}");
            }
        }
    }

    [Test]
    public void ControlIsBitZeroOfTheMatrixIndex()
    {
        // Qiskit's CX with control q0 and target q1 in little-endian order.
        Complex[] expected = [1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0];

        Assert.That(GateMatrices.Create(OperationKind.CX), Is.EqualTo(expected));
    }

    [Test]
    public void WrongAngleCountIsRejectedWithTheGateName()
    {
        var error = Assert.Throws<ArgumentException>(() => GateMatrices.Create(OperationKind.RX));

        Assert.That(error!.Message, Does.Contain("'rx' takes 1 angle"));
    }
}
