using System.Numerics;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Decomposition;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Gates;
using static Qml.Abstractions.Tests.Decomposition.TestUnitaries;

namespace Qml.Abstractions.Tests.Decomposition;

public sealed class ShannonDecompositionTests
{
    private const double Exact = 1e-9;

    [TestCase(3, 20)]
    [TestCase(4, 100)]
    [TestCase(5, 444)]
    public void HaarRandomUnitariesRebuildExactlyFromUAndCx(int qubits, int expectedCx)
    {
        var random = new Random(2006 + qubits);
        var matrix = Haar(random, qubits);

        // Operands in a shuffled order inside a wider register.
        int[] operands = [.. Enumerable.Range(0, qubits + 1).OrderBy(_ => random.Next()).Take(qubits)];
        var circuit = new CircuitBuilder(qubits + 1).Unitary(matrix, operands).Build();

        var native = CircuitDecomposer.Decompose(circuit, GateSet.Basic);

        Assert.That(native.Operations.Select(o => o.Kind), Is.All.AnyOf(OperationKind.U, OperationKind.CX));
        var error = DenseUnitary.MaxDifference(DenseUnitary.Of(native), DenseUnitary.Of(circuit));
        var cx = TwoQubitDecompositionTests.CxCount(native);
        TestContext.Out.WriteLine($"{qubits} qubits: {cx} CX (formula (23/48)·4^k − (3/2)·2^k + 4/3 = {ShannonDecomposition.CxCount(qubits)}), {native.Operations.Length - cx} U, max |rebuilt − U| = {error:G3}");
        Assert.That(error, Is.LessThan(Exact));
        Assert.That(cx, Is.EqualTo(expectedCx).And.EqualTo(ShannonDecomposition.CxCount(qubits)));
    }

    private static IEnumerable<TestCaseData> StructuredUnitaries()
    {
        var random = new Random(5);
        yield return new TestCaseData(ComplexMatrix.Identity(8)).SetName("Three-qubit identity");
        yield return new TestCaseData(Gate(OperationKind.CCX)).SetName("Toffoli as a matrix");
        yield return new TestCaseData(Gate(OperationKind.CSwap)).SetName("Fredkin as a matrix");
        yield return new TestCaseData(TopX(3)).SetName("X on the top qubit (zero cosines)");
        yield return new TestCaseData(Diagonal(random, 3)).SetName("Random diagonal phases (zero sines)");
        yield return new TestCaseData(Phase(Permutation(random, 16), 0.8)).SetName("Random four-qubit permutation with phase");
        yield return new TestCaseData(Diagonal(random, 4)).SetName("Four-qubit diagonal");
    }

    [TestCaseSource(nameof(StructuredUnitaries))]
    public void StructuredUnitariesWithDegenerateBlocksRebuild(Complex[] matrix)
    {
        var qubits = (int)Math.Log2(Math.Sqrt(matrix.Length));
        var circuit = new CircuitBuilder(qubits).Unitary(matrix, [.. Enumerable.Range(0, qubits).Reverse()]).Build();

        var native = CircuitDecomposer.Decompose(circuit, GateSet.Basic);

        Assert.That(native.Operations.Select(o => o.Kind), Is.All.AnyOf(OperationKind.U, OperationKind.CX));
        Assert.That(DenseUnitary.MaxDifference(DenseUnitary.Of(native), DenseUnitary.Of(circuit)), Is.LessThan(Exact));
        Assert.That(TwoQubitDecompositionTests.CxCount(native), Is.LessThanOrEqualTo(ShannonDecomposition.CxCount(qubits)));
    }

    [Test]
    public void ProductsOfCliffordAndTGatesOnThreeQubitsRebuild()
    {
        var random = new Random(123);
        for (var trial = 0; trial < 40; trial++)
        {
            var matrix = Of(TwoQubitDecompositionTests.RandomDiscreteCircuit(random, qubits: 3, depth: random.Next(1, 12)));
            var circuit = new CircuitBuilder(3).Unitary(matrix, 0, 1, 2).Build();

            var native = CircuitDecomposer.Decompose(circuit, GateSet.Basic);

            Assert.That(DenseUnitary.MaxDifference(DenseUnitary.Of(native), DenseUnitary.Of(circuit)), Is.LessThan(Exact), $"trial {trial}");
            Assert.That(TwoQubitDecompositionTests.CxCount(native), Is.LessThanOrEqualTo(ShannonDecomposition.CxCount(3)));
        }
    }

    [Test]
    public void ThreeQubitUnitaryDecomposesOnTheIbmNativeSet()
    {
        var ibm = new GateSet([OperationKind.RZ, OperationKind.SX, OperationKind.X, OperationKind.CX, OperationKind.U]);
        var matrix = Haar(new Random(31), 3);
        var circuit = new CircuitBuilder(3).Unitary(matrix, 2, 0, 1).Build();

        var native = CircuitDecomposer.Decompose(circuit, ibm);

        Assert.That(native.Operations.Select(o => o.Kind), Is.All.AnyOf(OperationKind.RZ, OperationKind.SX, OperationKind.X, OperationKind.CX, OperationKind.U));
        Assert.That(native.Operations.Select(o => o.Kind), Has.Some.EqualTo(OperationKind.RZ));
        Assert.That(DenseUnitary.MaxDifference(DenseUnitary.Of(native), DenseUnitary.Of(circuit)), Is.LessThan(Exact));
    }

    [Test]
    public void RecursionStopsAtTheWidestNativeUnitary()
    {
        var twoQubitUnitaries = new GateSet([OperationKind.U, OperationKind.CX, OperationKind.Unitary], maxUnitaryQubits: 2);
        var matrix = Haar(new Random(8), 4);
        var circuit = new CircuitBuilder(4).Unitary(matrix, 3, 1, 0, 2).Build();

        var native = CircuitDecomposer.Decompose(circuit, twoQubitUnitaries);

        var unitaries = native.Operations.Where(o => o.Kind == OperationKind.Unitary).ToArray();
        Assert.That(unitaries, Has.Length.EqualTo(16));
        Assert.That(unitaries.Select(o => o.Matrix!.QubitCount), Has.All.EqualTo(2));
        Assert.That(native.Operations.Select(o => o.Kind), Is.All.AnyOf(OperationKind.U, OperationKind.CX, OperationKind.Unitary));
        Assert.That(DenseUnitary.MaxDifference(DenseUnitary.Of(native), DenseUnitary.Of(circuit)), Is.LessThan(Exact));
    }

    [Test]
    public void ConditionCarriesOverToEveryGateOfADecomposedThreeQubitUnitary()
    {
        var condition = new ClassicalCondition([0, 1], 2);
        var circuit = new CircuitBuilder(3, 2)
            .Add(Operation.Unitary(new UnitaryMatrix(Haar(new Random(9), 3)), [0, 1, 2]).WithCondition(condition))
            .Build();

        var native = CircuitDecomposer.Decompose(circuit, GateSet.Basic);

        Assert.That(native.Operations.Select(o => o.Condition), Has.All.EqualTo(condition));
        Assert.That(TwoQubitDecompositionTests.CxCount(native), Is.EqualTo(20));
    }

    [TestCase(2)]
    [TestCase(3)]
    public void MatricesUnitaryOnlyToTheValidationToleranceDecomposeToTheNearestUnitary(int qubits)
    {
        var random = new Random(40 + qubits);
        var n = 1 << qubits;
        var exact = Haar(random, qubits);
        var noise = Enumerable.Range(0, n * n).Select(_ => new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5)).ToArray();
        var noiseError = UnitaryMatrix.UnitarityError([.. exact.Zip(noise, (e, d) => e + (1e-6 * d))], n);
        var scale = 1e-6 * 0.8 * UnitaryMatrix.Tolerance / noiseError;
        Complex[] nearly = [.. exact.Zip(noise, (e, d) => e + (scale * d))];
        var inputError = UnitaryMatrix.UnitarityError(nearly, n);
        var circuit = new CircuitBuilder(qubits).Unitary(nearly, [.. Enumerable.Range(0, qubits)]).Build();

        var native = CircuitDecomposer.Decompose(circuit, GateSet.Basic);

        var rebuilt = Of(native);
        TestContext.Out.WriteLine($"input |UU†−I| = {inputError:G3}; rebuilt vs input {ComplexMatrix.MaxDifference(rebuilt, nearly):G3}, vs the exact unitary {ComplexMatrix.MaxDifference(rebuilt, exact):G3}");
        Assert.That(inputError, Is.GreaterThan(UnitaryMatrix.Tolerance / 2));
        Assert.That(UnitaryMatrix.UnitarityError(rebuilt, n), Is.LessThan(1e-13));
        Assert.That(ComplexMatrix.MaxDifference(rebuilt, nearly), Is.LessThan(UnitaryMatrix.Tolerance));
    }

    [Test]
    public void AFailedDecompositionNamesTheOperationAndTheDeviation()
    {
        var op = Operation.Unitary(new UnitaryMatrix(Haar(new Random(2), 3)), [4, 1, 2]);

        var error = Assert.Throws<QmlException>(() => UnitaryRules.CheckDeviation(op, 3.5e-7));

        Assert.That(error!.Message, Does.Contain("unitary q[4, 1, 2]").And.Contain("3.5E-07").And.Contain("1E-09"));
        Assert.That(() => UnitaryRules.CheckDeviation(op, 1e-12), Throws.Nothing);
    }

    [Test]
    public void GrayCodeMultiplexorAppliesTheRequestedAngles()
    {
        // RY multiplexed over two controls (qubits 0, 1) onto qubit 2, checked block by block.
        double[] theta = [0.3, -1.2, 2.5, 0.7];
        var phi = ShannonDecomposition.GrayCodeAngles(theta);
        var builder = new CircuitBuilder(3);
        for (var l = 0; l < phi.Length; l++)
        {
            builder.RY(2, phi[l]).CX(ShannonDecomposition.GrayCodeControl(l, phi.Length), 2);
        }

        var dense = DenseUnitary.Of(builder.Build());

        for (var j = 0; j < 4; j++)
        {
            var expected = Gate(OperationKind.RY, theta[j]);
            for (var r = 0; r < 2; r++)
            {
                for (var c = 0; c < 2; c++)
                {
                    Assert.That((dense[j + (4 * r), j + (4 * c)] - expected[(r * 2) + c]).Magnitude, Is.LessThan(1e-14), $"pattern {j}");
                }
            }
        }
    }

    private static Complex[] TopX(int qubits)
    {
        var n = 1 << qubits;
        var m = new Complex[n * n];
        for (var i = 0; i < n; i++)
        {
            m[(i * n) + (i ^ (n / 2))] = 1;
        }

        return m;
    }

    private static Complex[] Diagonal(Random random, int qubits)
    {
        var n = 1 << qubits;
        var m = new Complex[n * n];
        for (var i = 0; i < n; i++)
        {
            m[(i * n) + i] = Complex.FromPolarCoordinates(1, (random.NextDouble() * 6) - 3);
        }

        return m;
    }

    private static Complex[] Permutation(Random random, int n)
    {
        var image = Enumerable.Range(0, n).OrderBy(_ => random.Next()).ToArray();
        var m = new Complex[n * n];
        for (var i = 0; i < n; i++)
        {
            m[(image[i] * n) + i] = 1;
        }

        return m;
    }
}
