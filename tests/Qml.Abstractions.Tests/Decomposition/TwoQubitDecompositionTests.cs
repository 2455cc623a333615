using System.Numerics;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Decomposition;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Gates;
using static Qml.Abstractions.Tests.Decomposition.TestUnitaries;

namespace Qml.Abstractions.Tests.Decomposition;

public sealed class TwoQubitDecompositionTests
{
    private const double Exact = 1e-10;
    private static readonly Complex I = Complex.ImaginaryOne;

    [Test]
    public void HaarRandomTwoQubitUnitariesRebuildExactlyWithThreeCx()
    {
        var random = new Random(2004);
        var worst = 0.0;
        for (var seed = 0; seed < 200; seed++)
        {
            var matrix = Haar(random, 2);

            // Operands in both orders and inside a wider register.
            int[] qubits = (seed % 3) switch { 0 => [0, 1], 1 => [1, 0], _ => [2, 0] };
            var native = AssertRebuilds(matrix, qubits, registerWidth: 3, GateSet.Basic);

            Assert.That(CxCount(native), Is.EqualTo(3), $"seed {seed}");
            worst = Math.Max(worst, DenseUnitary.MaxDifference(DenseUnitary.Of(native), DenseUnitary.Of(new CircuitBuilder(3).Unitary(matrix, qubits).Build())));
        }

        TestContext.Out.WriteLine($"200 Haar-random U(4): max |rebuilt − U| = {worst:G3}");
    }

    private static IEnumerable<TestCaseData> SpecialGates()
    {
        var random = new Random(7);
        var a = Gate(OperationKind.U, 0.7, -1.2, 2.1);
        var b = Gate(OperationKind.U, 2.4, 0.3, -0.8);
        var c = Gate(OperationKind.U, 1.1, 2.9, 0.4);
        var d = Gate(OperationKind.U, 0.2, -2.2, 1.7);
        var u = Phase(Gate(OperationKind.U, 1.3, 0.4, -0.9), 0.6);
        Complex[] Sandwich(Complex[] core) => Multiply(Kron(a, b), Multiply(core, Kron(c, d)));

        yield return new TestCaseData(ComplexMatrix.Identity(4), 0).SetName("Identity uses 0 CX");
        yield return new TestCaseData(Phase(Kron(a, b), 1.9), 0).SetName("Local product with phase uses 0 CX");
        yield return new TestCaseData(Kron(Gate(OperationKind.X), Gate(OperationKind.Z)), 0).SetName("Pauli product uses 0 CX");
        yield return new TestCaseData(Gate(OperationKind.CX), 1).SetName("CX uses 1 CX");
        yield return new TestCaseData(Gate(OperationKind.CZ), 1).SetName("CZ uses 1 CX");
        yield return new TestCaseData(Gate(OperationKind.CY), 1).SetName("CY uses 1 CX");
        yield return new TestCaseData(Gate(OperationKind.CH), 1).SetName("CH uses 1 CX");
        yield return new TestCaseData(Sandwich(Gate(OperationKind.CX)), 1).SetName("CX between local gates uses 1 CX");
        yield return new TestCaseData(Gate(OperationKind.RXX, Math.PI / 2), 1).SetName("RXX(pi/2) uses 1 CX");
        yield return new TestCaseData(Gate(OperationKind.RYY, -Math.PI / 2), 1).SetName("RYY(-pi/2) uses 1 CX");
        yield return new TestCaseData(Controlled(u), 2).SetName("Controlled-U uses 2 CX");
        yield return new TestCaseData(Gate(OperationKind.CRX, 0.8), 2).SetName("CRX uses 2 CX");
        yield return new TestCaseData(Gate(OperationKind.CP, -2.3), 2).SetName("CP uses 2 CX");
        yield return new TestCaseData(Gate(OperationKind.RZZ, 0.4), 2).SetName("RZZ uses 2 CX");
        yield return new TestCaseData(Gate(OperationKind.ISwap), 2).SetName("iSWAP uses 2 CX");
        yield return new TestCaseData(Multiply(Gate(OperationKind.CX), Gate(OperationKind.Swap)), 2).SetName("CX times SWAP uses 2 CX");
        yield return new TestCaseData(Sandwich(Gate(OperationKind.RYY, 1.1)), 2).SetName("Local-equivalent of RYY uses 2 CX");
        yield return new TestCaseData(Diagonal(0.3, -1.4, 2.2, 0.9), 2).SetName("Diagonal phases use 2 CX");
        yield return new TestCaseData(Diagonal(0.3, 0.3 + 0.5, 0.3 + 1.1, 0.3 + 1.6), 0).SetName("Separable diagonal uses 0 CX");
        yield return new TestCaseData(Gate(OperationKind.Swap), 3).SetName("SWAP uses 3 CX");
        yield return new TestCaseData(SqrtSwap(), 3).SetName("Square root of SWAP uses 3 CX");
        yield return new TestCaseData(Sandwich(Heisenberg(0.37)), 3).SetName("Isotropic XX+YY+ZZ uses 3 CX");
        // Two eigenvalues, twice each: exp(iβG) for a traceless Hermitian involution G, which needs only 2 CX.
        yield return new TestCaseData(Degenerate(random, 0.4, 0.4, -1.2, -1.2), 2).SetName("Doubly degenerate spectrum uses 2 CX");
        yield return new TestCaseData(Degenerate(random, 2.0, 2.0, 2.0, -0.5), 3).SetName("Triply degenerate spectrum uses 3 CX");
        yield return new TestCaseData(Degenerate(random, 0.4, 0.4 + 1e-9, 1.3, 1.3 - 1e-9), 3).SetName("Nearly degenerate spectrum uses 3 CX");
    }

    [TestCaseSource(nameof(SpecialGates))]
    public void SpecialTwoQubitGatesRebuildWithTheirMinimalCxCount(Complex[] matrix, int cx)
    {
        foreach (int[] qubits in new[] { new[] { 0, 1 }, new[] { 1, 0 } })
        {
            var native = AssertRebuilds(matrix, qubits, registerWidth: 2, GateSet.Basic);
            Assert.That(CxCount(native), Is.EqualTo(cx));
            Assert.That(MinimalCxCount(matrix), Is.EqualTo(cx));
        }
    }

    [Test]
    public void ProductsOfCliffordAndTGatesRebuildWithAtMostThreeCx()
    {
        // Exact zeros, repeated eigenvalues and coordinates exactly on the Weyl chamber's faces.
        var random = new Random(99);
        var counts = new int[4];
        for (var trial = 0; trial < 300; trial++)
        {
            var circuit = RandomDiscreteCircuit(random, qubits: 2, depth: random.Next(1, 7));
            var matrix = Of(circuit);

            var native = AssertRebuilds(matrix, [0, 1], registerWidth: 2, GateSet.Basic);

            Assert.That(CxCount(native), Is.EqualTo(MinimalCxCount(matrix)), $"trial {trial}: {string.Join(" ", circuit.Operations)}");
            counts[CxCount(native)]++;
        }

        TestContext.Out.WriteLine($"CX count histogram 0..3: {string.Join(", ", counts)}");
        Assert.That(counts.Take(3).Sum(), Is.GreaterThan(0), "some products are cheaper than 3 CX");
    }

    /// <summary>
    /// The fewest CX any circuit needs for <paramref name="u"/>, from γ(U) = U·(Y⊗Y)·Uᵀ·(Y⊗Y) with U
    /// scaled into SU(4) (Shende, Markov, Bullock 2004): 0 when γ = ±I, 1 when tr γ = 0 and γ² = −I,
    /// 2 when tr γ is real, else 3. Independent of the KAK code it checks.
    /// </summary>
    internal static int MinimalCxCount(Complex[] u)
    {
        var determinant = ComplexMatrix.Determinant(u, 4);
        var scale = Complex.FromPolarCoordinates(1, -determinant.Phase / 4);
        Complex[] special = [.. u.Select(e => e * scale)];
        var yy = Kron(Gate(OperationKind.Y), Gate(OperationKind.Y));
        var transpose = ComplexMatrix.Transpose(special, 4);
        var gamma = Multiply(special, Multiply(yy, Multiply(transpose, yy)));
        var trace = gamma[0] + gamma[5] + gamma[10] + gamma[15];
        var identity = ComplexMatrix.Identity(4);
        const double tolerance = 1e-11;
        if (ComplexMatrix.MaxDifference(gamma, identity) < tolerance || ComplexMatrix.MaxDifference([.. gamma.Select(e => -e)], identity) < tolerance)
        {
            return 0;
        }

        if (trace.Magnitude < tolerance && ComplexMatrix.MaxDifference([.. Multiply(gamma, gamma).Select(e => -e)], identity) < tolerance)
        {
            return 1;
        }

        return Math.Abs(trace.Imaginary) < tolerance ? 2 : 3;
    }

    /// <summary>A random circuit of CX, CZ, SWAP, iSWAP, H, S, T, X and CP(π/2) gates.</summary>
    internal static Circuit RandomDiscreteCircuit(Random random, int qubits, int depth)
    {
        var builder = new CircuitBuilder(qubits);
        for (var layer = 0; layer < depth; layer++)
        {
            var a = random.Next(qubits);
            var b = (a + 1 + random.Next(qubits - 1)) % qubits;
            switch (random.Next(9))
            {
                case 0: builder.CX(a, b); break;
                case 1: builder.CZ(a, b); break;
                case 2: builder.Swap(a, b); break;
                case 3: builder.Gate(OperationKind.ISwap, [a, b]); break;
                case 4: builder.H(a); break;
                case 5: builder.Gate(OperationKind.S, [a]); break;
                case 6: builder.Gate(OperationKind.T, [a]); break;
                case 7: builder.Gate(OperationKind.X, [a]); break;
                default: builder.CP(a, b, Math.PI / 2); break;
            }
        }

        return builder.Build();
    }

    [Test]
    public void ADiagonalFactorLeavesATwoCxRemainder()
    {
        var random = new Random(21);
        for (var trial = 0; trial < 50; trial++)
        {
            var u = Haar(random, 2);

            var d = TwoQubitDecomposition.DiagonalForTwoCx(u);
            Complex[] du = [.. u.Select((e, i) => d[i / 4] * e)];

            Assert.That(d.Select(e => e.Magnitude), Has.All.EqualTo(1).Within(1e-15));
            Assert.That(MinimalCxCount(du), Is.EqualTo(2));
            Assert.That(TwoQubitDecomposition.Decompose(du).CxCount, Is.EqualTo(2));
        }
    }

    [TestCase(OperationKind.CX, 1)]
    [TestCase(OperationKind.ISwap, 2)]
    [TestCase(OperationKind.Swap, 3)]
    public void CxCountIsExactlyTheMinimumForKnownClasses(OperationKind kind, int cx)
    {
        var native = AssertRebuilds(Gate(kind), [0, 1], registerWidth: 2, GateSet.Basic);

        Assert.That(CxCount(native), Is.EqualTo(cx));
    }

    [Test]
    public void WeylCoordinatesAreRecoveredUpToTheirSymmetries()
    {
        var core = Canonical(0.3, 0.2, -0.1);
        var matrix = Multiply(Kron(Gate(OperationKind.U, 0.5, 1, 2), Gate(OperationKind.H)), Multiply(core, Kron(Gate(OperationKind.S), Gate(OperationKind.U, 2, 1, 0.1))));

        var (_, coordinates, _) = TwoQubitDecomposition.Kak(matrix);

        Assert.That(coordinates.Select(Math.Abs).Order(), Is.EqualTo(new[] { 0.1, 0.2, 0.3 }).Within(1e-12));
    }

    [Test]
    public void KakFactorsReassembleTheMatrix()
    {
        var random = new Random(11);
        for (var trial = 0; trial < 20; trial++)
        {
            var matrix = Haar(random, 2);

            var (after, c, before) = TwoQubitDecomposition.Kak(matrix);
            var rebuilt = Multiply(Kron(after.High, after.Low), Multiply(Canonical(c[0], c[1], c[2]), Kron(before.High, before.Low)));

            Assert.That(c, Has.All.InRange(-Math.PI / 4, Math.PI / 4 + 1e-12));
            var phase = Complex.FromPolarCoordinates(1, ComplexMatrix.PhaseBetween(rebuilt, matrix));
            Assert.That(ComplexMatrix.MaxDifference([.. rebuilt.Select(e => e * phase)], matrix), Is.LessThan(1e-12));
        }
    }

    [Test]
    public void TwoQubitUnitaryDecomposesOnTheIbmNativeSet()
    {
        // The remote backend's 'gates=ibm': rz, sx, x, cx (U is lowered afterwards by the backend).
        var ibm = new GateSet([OperationKind.RZ, OperationKind.SX, OperationKind.X, OperationKind.CX, OperationKind.U, OperationKind.Measure]);
        var random = new Random(3);
        var matrix = Haar(random, 2);
        var circuit = new CircuitBuilder(2, 2).Unitary(matrix, 1, 0).Measure(0, 0).Measure(1, 1).Build();

        var native = CircuitDecomposer.Decompose(circuit, ibm);

        Assert.That(native.Operations.All(o => CircuitDecomposer.IsNative(o, ibm)), Is.True);
        Assert.That(native.Operations.Count(o => o.Kind == OperationKind.CX), Is.EqualTo(3));
        var unitaryPart = new CircuitBuilder(2).Unitary(matrix, 1, 0).Build();
        var nativePart = unitaryPart.WithOperations([.. native.Operations.Where(o => o.Kind != OperationKind.Measure)], native.GlobalPhase);
        Assert.That(DenseUnitary.MaxDifference(DenseUnitary.Of(nativePart), DenseUnitary.Of(unitaryPart)), Is.LessThan(Exact));
    }

    [Test]
    public void ConditionCarriesOverToEveryGateOfADecomposedUnitary()
    {
        var matrix = Haar(new Random(4), 2);
        var circuit = new CircuitBuilder(2, 1)
            .Measure(0, 0)
            .Add(Operation.Unitary(new UnitaryMatrix(matrix), [0, 1]).WithCondition(new ClassicalCondition([0], 1)))
            .Build();

        var native = CircuitDecomposer.Decompose(circuit, GateSet.Basic);

        Assert.That(native.Operations.Skip(1).Select(o => o.Condition), Has.All.EqualTo(new ClassicalCondition([0], 1)));
        Assert.That(native.Operations.Length, Is.GreaterThan(4));
    }

    /// <summary>Decomposes a circuit holding only <paramref name="matrix"/> and checks it is U + CX and equal, phase included.</summary>
    internal static Circuit AssertRebuilds(Complex[] matrix, int[] qubits, int registerWidth, GateSet native)
    {
        var circuit = new CircuitBuilder(registerWidth).Unitary(matrix, qubits).Build();

        var decomposed = CircuitDecomposer.Decompose(circuit, native);

        Assert.That(decomposed.Operations.Select(o => o.Kind), Is.All.AnyOf(OperationKind.U, OperationKind.CX));
        Assert.That(DenseUnitary.MaxDifference(DenseUnitary.Of(decomposed), DenseUnitary.Of(circuit)), Is.LessThan(Exact));
        return decomposed;
    }

    internal static int CxCount(Circuit circuit) => circuit.Operations.Count(o => o.Kind == OperationKind.CX);

    /// <summary>exp(i(a·XX + b·YY + c·ZZ)), built from the Pauli products (they commute).</summary>
    private static Complex[] Canonical(double a, double b, double c)
    {
        Complex[] Exp(OperationKind pauli, double angle)
        {
            var pp = Kron(Gate(pauli), Gate(pauli));
            var identity = ComplexMatrix.Identity(4);
            return [.. identity.Zip(pp, (e, p) => (Math.Cos(angle) * e) + (I * Math.Sin(angle) * p))];
        }

        return Multiply(Exp(OperationKind.X, a), Multiply(Exp(OperationKind.Y, b), Exp(OperationKind.Z, c)));
    }

    private static Complex[] Heisenberg(double angle) => Canonical(angle, angle, angle);

    private static Complex[] Controlled(Complex[] u)
    {
        // Control on bit 0, target on bit 1, like GateMatrices' controlled gates.
        var m = new Complex[16];
        m[0] = m[10] = 1;
        m[5] = u[0];
        m[7] = u[1];
        m[13] = u[2];
        m[15] = u[3];
        return m;
    }

    private static Complex[] Diagonal(params double[] phases)
    {
        var m = new Complex[16];
        for (var k = 0; k < 4; k++)
        {
            m[(k * 4) + k] = Complex.FromPolarCoordinates(1, phases[k]);
        }

        return m;
    }

    private static Complex[] SqrtSwap()
    {
        Complex p = (1 + I) / 2, q = (1 - I) / 2;
        return [1, 0, 0, 0, 0, p, q, 0, 0, q, p, 0, 0, 0, 0, 1];
    }

    /// <summary>V·diag(e^{iφ})·V† with Haar V: repeated eigenvalues in a random basis.</summary>
    private static Complex[] Degenerate(Random random, params double[] phases)
    {
        var v = Haar(random, 2);
        return Multiply(v, Multiply(Diagonal(phases), ComplexMatrix.Adjoint(v, 4)));
    }
}
