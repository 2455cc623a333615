using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Observables;
using Qml.Backends.Mps;
using Qml.Backends.Mps.Tests.Support;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var single = BackendOptions.Default.With("max-bond", "64").With("threads", "1");
using var mps = new MpsBackendFactory().Create(single);

async Task<(double Seconds, ExecutionResult Result)> Time(IBackend backend, ExecutionRequest request, int repeats)
{
    await backend.ExecuteAsync(request); // warm-up: JIT and buffers
    var best = double.MaxValue;
    ExecutionResult? last = null;
    for (var i = 0; i < repeats; i++)
    {
        var clock = Stopwatch.StartNew();
        last = await backend.ExecuteAsync(request);
        best = Math.Min(best, clock.Elapsed.TotalSeconds);
    }

    return (best, last!);
}

var ghz = new ExecutionRequest { Circuit = TestCircuits.Ghz(100), Observables = [Observable.FromPauli(PauliString.Z(0, 99))], Outputs = ResultKinds.Expectations };
var (ghzTime, ghzResult) = await Time(mps, ghz, 20);
Console.WriteLine($"GHZ 100 qubits, bond cap 64, 1 thread: {ghzTime * 1000:F3} ms (⟨Z0 Z99⟩ = {ghzResult.Expectations![0, 0]:F12}, truncation {ghzResult.Diagnostics.TruncationError}, max bond {ghzResult.Diagnostics.MaxBondDimension})");

var brick = new ExecutionRequest { Circuit = TestCircuits.BrickWall(100, 10, seed: 10), Observables = [Observable.Z(50)], Outputs = ResultKinds.Expectations };
var (brickTime, brickResult) = await Time(mps, brick, 3);
Console.WriteLine($"Brick wall 100 qubits depth 10, bond cap 64, 1 thread: {brickTime:F3} s (truncation {brickResult.Diagnostics.TruncationError:G3}, max bond {brickResult.Diagnostics.MaxBondDimension}, fidelity estimate {brickResult.Diagnostics.Details["fidelityEstimate"]}, svds {brickResult.Diagnostics.Details["svds"]})");

// Time per two-qubit gate against bond: a chain saturated to bond D, then one layer of CX+RY on the middle.
foreach (var bond in new[] { 8, 16, 32, 64, 128, 256 })
{
    var qubits = 2 * ((int)Math.Log2(bond) + 2);
    var builder = new CircuitBuilder(qubits);
    var random = new Random(bond);
    for (var layer = 0; layer < qubits; layer++)
    {
        for (var q = 0; q < qubits; q++)
        {
            builder.RY(q, random.NextDouble() * 3);
        }

        for (var q = layer % 2; q + 1 < qubits; q += 2)
        {
            builder.CX(q, q + 1);
        }
    }

    var circuit = builder.Build();
    var options = BackendOptions.Default.With("max-bond", bond.ToString(CultureInfo.InvariantCulture)).With("threads", "1");
    using var capped = new MpsBackendFactory().Create(options);
    var request = new ExecutionRequest { Circuit = circuit, Observables = [Observable.Z(0)], Outputs = ResultKinds.Expectations };
    var (seconds, result) = await Time(capped, request, 2);
    var twoQubit = circuit.Operations.Count(o => o.Qubits.Length == 2);
    Console.WriteLine($"bond {bond,3}: {qubits} qubits, {twoQubit} two-qubit gates, max bond reached {result.Diagnostics.MaxBondDimension}, {seconds * 1000 / twoQubit:F3} ms per two-qubit gate (incl. centre moves)");
}

// The SVD itself: Jacobi vs MathNet on (2D)×(2D) random complex matrices.
foreach (var size in new[] { 16, 32, 64, 128, 256 })
{
    var random = new Random(size);
    var a = Enumerable.Range(0, size * size).Select(_ => new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5)).ToArray();
    var jacobi = new Qml.Backends.Mps.Linear.JacobiSvd();
    var repeats = size >= 128 ? 3 : 20;
    jacobi.Factor(a, size, size);
    var clock = Stopwatch.StartNew();
    for (var i = 0; i < repeats; i++)
    {
        jacobi.Factor(a, size, size);
    }

    var jacobiMs = clock.Elapsed.TotalMilliseconds / repeats;
    var matrix = MathNet.Numerics.LinearAlgebra.Matrix<Complex>.Build.Dense(size, size, (i, j) => a[(i * size) + j]);
    matrix.Svd(computeVectors: true);
    clock.Restart();
    for (var i = 0; i < repeats; i++)
    {
        matrix.Svd(computeVectors: true);
    }

    var mathNetMs = clock.Elapsed.TotalMilliseconds / repeats;
    Console.WriteLine($"SVD {size}×{size} complex with vectors: Jacobi {jacobiMs:F3} ms, MathNet {mathNetMs:F3} ms");
}
