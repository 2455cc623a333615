using System.Globalization;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Gates;
using Qml.Abstractions.Observables;
using Qml.Backends.Mps.Tests.Support;

namespace Qml.Backends.Mps.Tests;

/// <summary>
/// The MPS backend's adjoint vector-Jacobian products: equal to the CPU statevector's adjoint and
/// to fourth-order central differences when nothing is truncated, close to differences of the same
/// truncated model when the bond is capped.
/// </summary>
[TestFixture]
public sealed class AdjointGradientTests
{
    /// <summary>Step of the five-point central difference: its error h⁴·f⁽⁵⁾/30 and rounding ε/h both stay near 1e-12.</summary>
    private const double Step = 1e-3;

    private static readonly OperationKind[] Single = [OperationKind.RX, OperationKind.RY, OperationKind.RZ, OperationKind.P, OperationKind.U, OperationKind.H, OperationKind.SX];

    private static readonly OperationKind[] Pair = [OperationKind.CRX, OperationKind.CRY, OperationKind.CRZ, OperationKind.CP, OperationKind.RXX, OperationKind.RYY, OperationKind.RZZ, OperationKind.CX, OperationKind.CZ];

    [TestCase(4, 30, 1)]
    [TestCase(6, 50, 2)]
    [TestCase(8, 60, 3)]
    [TestCase(10, 70, 4)]
    public async Task WithoutTruncationEqualsTheCpuAdjointAndFiniteDifferences(int qubits, int gates, int seed)
    {
        var random = new Random(seed);
        var circuit = RandomCircuit(random, qubits, gates);
        var bindings = RandomBindings(random, circuit, rows: 3);
        var observables = Observables(qubits);
        var upstream = Upstream(random, bindings.Rows, observables.Length);
        var request = Request(circuit, bindings, observables);
        using var mps = (IDifferentiableBackend)TestBackends.Mps(("cutoff", "0"), ("threads", "2"));
        using var cpu = (IDifferentiableBackend)TestBackends.Cpu();

        var ours = await mps.VectorJacobianAsync(request, upstream);
        var reference = await cpu.VectorJacobianAsync(request, upstream);
        var differences = await FiniteDifferencesAsync(mps, request, upstream);

        Assert.That(ours.Diagnostics.TruncationError, Is.Zero, "the default bond keeps ≤ 16 qubits exact");
        Assert.That(ours.Diagnostics.Details["backwardTruncatedSvds"], Is.EqualTo("0"));
        Assert.That(ours.Diagnostics.Details["gradient"], Does.Contain("exact"));
        Assert.That(int.Parse(ours.Diagnostics.Details["cotangentMaxBond"], CultureInfo.InvariantCulture), Is.InRange(1, 1 << (qubits / 2)), "λ's bond is bounded by its Schmidt rank");
        Assert.That(ours.Expectations.Values, Is.EqualTo(reference.Expectations.Values).Within(1e-10), "expectations of the forward pass");
        for (var row = 0; row < bindings.Rows; row++)
        {
            for (var symbol = 0; symbol < circuit.Symbols.Length; symbol++)
            {
                var value = ours.SymbolGradients[row, symbol];
                var scale = Math.Max(1.0, Math.Abs(value));
                var name = $"row {row}, d/d{circuit.Symbols[symbol].Name}";
                Assert.That(value, Is.EqualTo(reference.SymbolGradients[row, symbol]).Within(1e-9 * scale), $"{name}: CPU adjoint");
                Assert.That(value, Is.EqualTo(differences[row, symbol]).Within(1e-9 * scale), $"{name}: central difference");
            }
        }
    }

    [TestCase("max-bond", "8")]
    [TestCase("max-bond", "12")]
    [TestCase("cutoff", "1e-4")]
    [TestCase("cutoff", "1e-6")]
    public async Task WithTruncationStaysCloseToDifferencesOfTheTruncatedModel(string option, string value)
    {
        var random = new Random(21);
        var circuit = HardwareEfficient(qubits: 12, layers: 4);
        var bindings = RandomBindings(random, circuit, rows: 2);
        var observables = Observables(12);
        var upstream = Upstream(random, bindings.Rows, observables.Length);
        var request = Request(circuit, bindings, observables);
        using var truncated = (IDifferentiableBackend)TestBackends.Mps((option, value));
        using var exact = (IDifferentiableBackend)TestBackends.Mps();

        var ours = await truncated.VectorJacobianAsync(request, upstream);
        var differences = await FiniteDifferencesAsync(truncated, request, upstream);
        var reference = await exact.VectorJacobianAsync(request, upstream);

        Assert.That(ours.Diagnostics.TruncationError, Is.GreaterThan(0.0), "the capped bond truncates this circuit");
        Assert.That(ours.Diagnostics.Details["gradient"], Does.Contain("approximate"));
        var (deviation, truncationEffect) = (0.0, 0.0);
        for (var i = 0; i < ours.SymbolGradients.Values.Length; i++)
        {
            deviation = Math.Max(deviation, Math.Abs(ours.SymbolGradients.Values[i] - differences.Values[i]));
            truncationEffect = Math.Max(truncationEffect, Math.Abs(reference.SymbolGradients.Values[i] - differences.Values[i]));
        }

        var fidelity = double.Parse(ours.Diagnostics.Details["fidelityEstimate"], CultureInfo.InvariantCulture);
        var tolerance = TruncatedTolerance * Math.Sqrt(1.0 - fidelity);
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{option} {value}: fidelity {fidelity}, max |adjoint − FD(truncated)| = {deviation:E2} (tolerance {tolerance:E2}); max |exact − FD(truncated)| = {truncationEffect:E2}"));
        Assert.That(deviation, Is.LessThan(tolerance), "adjoint of the truncated sweeps against differences of the truncated model");
    }

    [Test]
    public async Task FortyQubitChainMatchesFiniteDifferences()
    {
        var builder = new CircuitBuilder(40);
        var x = builder.Input("x");
        var w = builder.Weight("w");
        var v = builder.Weight("v");
        for (var q = 0; q < 40; q++)
        {
            builder.RY(q, (0.7 * x) + (0.01 * q)).RZ(q, (1.3 * w) - (0.5 * v));
        }

        for (var q = 0; q + 1 < 40; q++)
        {
            builder.CRX(q, q + 1, (0.4 * v) + 0.2);
        }

        builder.RZZ(0, 39, (-0.8 * w) + (0.3 * x));
        var circuit = builder.Build();
        var request = Request(circuit, BindingTable.FromRows([[0.3, -0.9, 1.4]]), [Observable.Parse("Z0 + 0.5*X20 Y21 - 0.3*Z39"), Observable.Parse("X10")]);
        var upstream = new ResultMatrix<double>(1, 2, [0.8, -1.1]);
        using var mps = (IDifferentiableBackend)TestBackends.Mps(("cutoff", "0"));

        var ours = await mps.VectorJacobianAsync(request, upstream);
        var differences = await FiniteDifferencesAsync(mps, request, upstream);

        Assert.That(ours.Diagnostics.TruncationError, Is.Zero);
        Assert.That(ours.SymbolGradients.Values, Is.EqualTo(differences.Values).Within(1e-9));
        Assert.That(ours.SymbolGradients.Values.Max(Math.Abs), Is.GreaterThan(1e-3), "a gradient that is not trivially zero");
    }

    [Test]
    public async Task AHamiltonianOfManyLongStringsIsSummedInChunksAndMatchesTheCpuAdjoint()
    {
        // 40 strings spanning most of the register: far more than one chunk keeps open per bond.
        var random = new Random(77);
        const int qubits = 8;
        var circuit = RandomCircuit(random, qubits, gates: 50);
        var terms = Enumerable.Range(0, 40).Select(_ =>
        {
            var first = random.Next(2);
            var last = qubits - 1 - random.Next(2);
            var factors = Enumerable.Range(first, last - first + 1)
                .Where(q => q == first || q == last || random.Next(2) == 0)
                .Select(q => (q, (Pauli)(1 + random.Next(3))));
            return new PauliTerm((random.NextDouble() * 2.0) - 1.0, PauliString.Create(factors));
        }).ToArray();
        var hamiltonian = new Observable(terms);
        var open = Enumerable.Range(1, qubits - 1).Max(bond => terms.Count(t => t.Pauli.Factors[0].Qubit < bond && t.Pauli.Factors[^1].Qubit >= bond));
        Assert.That(open, Is.GreaterThan(3 * Gradients.CotangentBuilder.MaxOpenStrings), "several chunks");
        var request = Request(circuit, RandomBindings(random, circuit, rows: 2), [hamiltonian, Observable.Z(3)]);
        var upstream = Upstream(random, 2, 2);
        using var mps = (IDifferentiableBackend)TestBackends.Mps(("cutoff", "0"));
        using var cpu = (IDifferentiableBackend)TestBackends.Cpu();

        var ours = await mps.VectorJacobianAsync(request, upstream);
        var reference = await cpu.VectorJacobianAsync(request, upstream);

        Assert.That(ours.Diagnostics.TruncationError, Is.Zero);
        Assert.That(ours.Expectations.Values, Is.EqualTo(reference.Expectations.Values).Within(1e-10));
        Assert.That(ours.SymbolGradients.Values, Is.EqualTo(reference.SymbolGradients.Values).Within(1e-9));
        Assert.That(int.Parse(ours.Diagnostics.Details["cotangentMaxBond"], CultureInfo.InvariantCulture), Is.LessThanOrEqualTo(16), "the chunks' sum is compressed to λ's Schmidt rank (≤ 2^(8/2))");
    }

    [Test]
    public async Task OneQubitMatchesTheCpuAdjoint()
    {
        var builder = new CircuitBuilder(1);
        var x = builder.Input("x");
        var w = builder.Weight("w");
        builder.RX(0, (2.0 * w) + 0.3).RZ(0, w - x).U(0, x, 0.5 * w, -0.2).P(0, 1.5 * x);
        var request = Request(builder.Build(), BindingTable.FromRows([[0.4, -1.1], [2.0, 0.7]]), [Observable.Parse("X0 + 0.5*Z0"), Observable.Parse("Y0")]);
        var upstream = new ResultMatrix<double>(2, 2, [1.0, -0.5, 0.25, 2.0]);
        using var mps = (IDifferentiableBackend)TestBackends.Mps();
        using var cpu = (IDifferentiableBackend)TestBackends.Cpu();

        var ours = await mps.VectorJacobianAsync(request, upstream);
        var reference = await cpu.VectorJacobianAsync(request, upstream);

        Assert.That(ours.SymbolGradients.Values, Is.EqualTo(reference.SymbolGradients.Values).Within(1e-12));
        Assert.That(ours.Expectations.Values, Is.EqualTo(reference.Expectations.Values).Within(1e-12));
    }

    [Test]
    public async Task ZeroUpstreamOrIdentityObservablesGiveZeroGradientsAndTheExpectations()
    {
        var random = new Random(5);
        var circuit = RandomCircuit(random, qubits: 5, gates: 20);
        var bindings = RandomBindings(random, circuit, rows: 2);
        var request = Request(circuit, bindings, [Observable.Parse("Z0 Z4"), Observable.Parse("2.5")]);
        var upstream = new ResultMatrix<double>(2, 2, [0.0, 1.0, 0.0, -2.0]);
        using var mps = (IDifferentiableBackend)TestBackends.Mps();

        var result = await mps.VectorJacobianAsync(request, upstream);
        var forward = await mps.ExecuteAsync(request);

        Assert.That(result.SymbolGradients.Values, Is.All.EqualTo(0.0));
        Assert.That(result.Expectations.Values, Is.EqualTo(forward.Expectations!.Values).Within(1e-12));
    }

    [Test]
    public void MeasurementsInTheCircuitAreRefused()
    {
        var builder = new CircuitBuilder(2, 1);
        builder.RX(0, builder.Weight("w")).Measure(0, 0);
        var request = Request(builder.Build(), BindingTable.FromRows([[0.5]]), [Observable.Z(1)]);
        using var mps = (IDifferentiableBackend)TestBackends.Mps();

        var error = Assert.ThrowsAsync<BackendException>(() => mps.VectorJacobianAsync(request, new ResultMatrix<double>(1, 1, [1.0])));
        Assert.That(error!.Message, Does.Contain("unitary"));
    }

    /// <summary>
    /// Tolerance of the truncated test as a multiple of √(1 − fidelity estimate): when written,
    /// max |adjoint − FD| / √(1 − F) measured 0.067 (max-bond 8, F = 0.947, 1.6e-2), 0.049
    /// (max-bond 12, F = 0.986, 5.8e-3), 0.21 (cutoff 1e-4, F = 0.99966, 3.8e-3) and 0.11
    /// (cutoff 1e-6, F = 0.999999, 1.1e-4); the exact gradient itself is 1e-3 … 1e-2 away from
    /// those differences, so truncation, not the sweep, sets the scale.
    /// </summary>
    private const double TruncatedTolerance = 0.5;

    /// <summary>RY(x) encoding, then per layer RY and RZ weights on every qubit and a CX chain: bonds double per layer.</summary>
    private static Circuit HardwareEfficient(int qubits, int layers)
    {
        var builder = new CircuitBuilder(qubits);
        var x = builder.Input("x");
        for (var q = 0; q < qubits; q++)
        {
            builder.RY(q, (0.5 + (0.1 * q)) * x);
        }

        for (var layer = 0; layer < layers; layer++)
        {
            for (var q = 0; q < qubits; q++)
            {
                builder.RY(q, builder.Weight($"w{layer}_{q}_y")).RZ(q, builder.Weight($"w{layer}_{q}_z"));
            }

            for (var q = 0; q + 1 < qubits; q++)
            {
                builder.CX(q, q + 1);
            }
        }

        return builder.Build();
    }

    private static Circuit RandomCircuit(Random random, int qubits, int gates)
    {
        var builder = new CircuitBuilder(qubits);
        Angle[] symbols = [builder.Input("x0"), builder.Input("x1"), builder.Weight("w0"), builder.Weight("w1"), builder.Weight("w2")];
        for (var q = 0; q < qubits; q++)
        {
            builder.H(q);
        }

        for (var g = 0; g < gates; g++)
        {
            var two = random.Next(2) == 0;
            var kind = two ? Pair[random.Next(Pair.Length)] : Single[random.Next(Single.Length)];
            int[] operands = two ? Distinct(random, qubits) : [random.Next(qubits)];
            var angles = new Angle[GateDefinition.Of(kind).AngleCount];
            for (var a = 0; a < angles.Length; a++)
            {
                // Affine in one or two shared symbols, sometimes a constant.
                var angle = Angle.FromConstant((random.NextDouble() * 2.0) - 1.0);
                var uses = random.Next(3);
                for (var u = 0; u < uses; u++)
                {
                    angle += symbols[random.Next(symbols.Length)] * ((random.NextDouble() * 3.0) - 1.5);
                }

                angles[a] = angle;
            }

            builder.Gate(kind, operands, angles);
        }

        return builder.Build();
    }

    private static int[] Distinct(Random random, int qubits)
    {
        var a = random.Next(qubits);
        var b = (a + 1 + random.Next(qubits - 1)) % qubits;
        return [a, b];
    }

    private static BindingTable RandomBindings(Random random, Circuit circuit, int rows) =>
        BindingTable.FromRows([.. Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, circuit.Symbols.Length).Select(_ => (random.NextDouble() * 4.0) - 2.0).ToArray())]);

    private static Observable[] Observables(int qubits) =>
    [
        Observable.Z(0),
        Observable.Parse($"0.5*X0 Y{qubits - 1} - 1.5*Y{qubits / 2} + 0.2"),
        Observable.Parse($"X{qubits - 1} + 0.75*Z1 Z{qubits - 2} - 0.3*Y1 X2 Z3"),
    ];

    private static ResultMatrix<double> Upstream(Random random, int rows, int columns) =>
        new(rows, columns, [.. Enumerable.Range(0, rows * columns).Select(_ => (random.NextDouble() * 2.0) - 1.0)]);

    private static ExecutionRequest Request(Circuit circuit, BindingTable bindings, Observable[] observables) => new()
    {
        Circuit = circuit,
        Bindings = bindings,
        Observables = [.. observables],
        Outputs = ResultKinds.Expectations,
    };

    /// <summary>Σ_o upstream[b,o]·∂⟨O_o⟩/∂s by the five-point central difference, all shifted rows in one request.</summary>
    private static async Task<ResultMatrix<double>> FiniteDifferencesAsync(IBackend backend, ExecutionRequest request, ResultMatrix<double> upstream)
    {
        double[] offsets = [2.0, 1.0, -1.0, -2.0];
        double[] weights = [-1.0, 8.0, -8.0, 1.0];
        var bindings = request.Bindings;
        var symbols = bindings.Columns;
        var shifted = new List<double[]>();
        for (var row = 0; row < bindings.Rows; row++)
        {
            for (var symbol = 0; symbol < symbols; symbol++)
            {
                foreach (var offset in offsets)
                {
                    var values = bindings.Row(row).ToArray();
                    values[symbol] += offset * Step;
                    shifted.Add(values);
                }
            }
        }

        var expectations = (await backend.ExecuteAsync(request with { Bindings = BindingTable.FromRows(shifted) })).Expectations!;
        var result = new ResultMatrix<double>(bindings.Rows, symbols);
        for (var row = 0; row < bindings.Rows; row++)
        {
            for (var symbol = 0; symbol < symbols; symbol++)
            {
                var sum = 0.0;
                for (var k = 0; k < offsets.Length; k++)
                {
                    var shiftedRow = (((row * symbols) + symbol) * offsets.Length) + k;
                    for (var o = 0; o < upstream.Columns; o++)
                    {
                        sum += weights[k] * upstream[row, o] * expectations[shiftedRow, o];
                    }
                }

                result[row, symbol] = sum / (12.0 * Step);
            }
        }

        return result;
    }
}
