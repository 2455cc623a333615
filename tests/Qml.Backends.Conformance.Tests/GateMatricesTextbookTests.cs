using System.Numerics;
using Qml.Abstractions.Gates;

namespace Qml.Backends.Conformance.Tests;

/// <summary>
/// Pins the shared <see cref="GateMatrices"/> (which the reference uses) to matrices written out
/// by hand, in Qiskit's little-endian order (bit 0 of an index is the gate's first qubit).
/// </summary>
[TestFixture]
internal sealed class GateMatricesTextbookTests
{
    private static readonly Complex I = Complex.ImaginaryOne;
    private static readonly double R = 1 / Math.Sqrt(2);

    [Test]
    public void XIsTheBitFlip() => AssertMatrix(GateMatrices.Create(OperationKind.X), [0, 1, 1, 0]);

    [Test]
    public void HIsTheHadamard() => AssertMatrix(GateMatrices.Create(OperationKind.H), [R, R, R, -R]);

    [Test]
    public void YHasMinusIAboveAndIBelowTheDiagonal() => AssertMatrix(GateMatrices.Create(OperationKind.Y), [0, -I, I, 0]);

    [Test]
    public void CXWithTheControlOnBitZeroMatchesQiskit() =>
        AssertMatrix(GateMatrices.Create(OperationKind.CX), [1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0]);

    [Test]
    public void RzzIsDiagonalWithPhasesByParity()
    {
        const double Theta = 0.9;
        var even = Complex.Exp(-I * Theta / 2);
        var odd = Complex.Exp(I * Theta / 2);
        AssertMatrix(GateMatrices.Create(OperationKind.RZZ, Theta), [even, 0, 0, 0, 0, odd, 0, 0, 0, 0, odd, 0, 0, 0, 0, even]);
    }

    [Test]
    public void CcxFlipsBitTwoWhenBitsZeroAndOneAreSet()
    {
        var expected = new Complex[64];
        for (var i = 0; i < 8; i++)
        {
            var image = i is 3 or 7 ? i ^ 4 : i;
            expected[(image * 8) + i] = 1;
        }

        AssertMatrix(GateMatrices.Create(OperationKind.CCX), expected);
    }

    [Test]
    public void UIsTheOpenQasm3Definition()
    {
        const double Theta = 0.7, Phi = -1.1, Lambda = 2.3;
        var c = Math.Cos(Theta / 2);
        var s = Math.Sin(Theta / 2);
        AssertMatrix(
            GateMatrices.Create(OperationKind.U, Theta, Phi, Lambda),
            [c, -Complex.Exp(I * Lambda) * s, Complex.Exp(I * Phi) * s, Complex.Exp(I * (Phi + Lambda)) * c]);
    }

    [Test]
    public void UOfHalfPiZeroPiIsTheHadamard() =>
        AssertMatrix(GateMatrices.Create(OperationKind.U, Math.PI / 2, 0, Math.PI), [R, R, R, -R]);

    private static void AssertMatrix(Complex[] actual, Complex[] expected)
    {
        Assert.That(actual, Has.Length.EqualTo(expected.Length), "entry count");
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.That((actual[i] - expected[i]).Magnitude, Is.LessThan(1e-15), $"entry {i}: {actual[i]} vs {expected[i]}");
        }
    }
}
