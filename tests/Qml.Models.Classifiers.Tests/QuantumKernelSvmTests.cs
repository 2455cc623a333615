using System.Diagnostics;
using Qml.Learning.Data;
using Qml.Learning.Data.Preprocessing;
using Qml.Learning.Training;
using Qml.Models.Classifiers.Kernels;

namespace Qml.Models.Classifiers.Tests;

public sealed class QuantumKernelSvmTests
{
    private static DatasetSplit Circles(int samples = 200)
    {
        var raw = BuiltInDatasets.Load("circles", DatasetOptions.Default.With("samples", samples.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return DataPreparation.Fit(raw, 0, "minmax").Split;
    }

    [Test]
    public void The_quantum_kernel_svm_reaches_90_percent_test_accuracy_on_circles_and_exports_both_kernels()
    {
        using var backend = HybridTestData.Cpu();
        using var folder = new TempDirectory();
        var split = Circles();
        var watch = Stopwatch.StartNew();

        var svm = new QuantumKernelSvm(new FidelityKernel(backend, 2, reps: 1, scale: 1, offset: 0), c: 1).Fit(split.Train);
        var accuracy = QuantumKernelSvm.Accuracy(svm.Predict(split.Test), split.Test.Labels!);
        svm.ExportKernels(folder.Path, split.Test);

        TestContext.Out.WriteLine($"qsvm circles: test accuracy {accuracy:0.000}, {svm.Machines[0].SupportVectorCount} support vectors, {watch.Elapsed.TotalSeconds:0.00} s");
        Assert.That(svm.Kernel.UsesStates, Is.True);
        Assert.That(svm.Machines[0].Converged, Is.True);
        Assert.That(accuracy, Is.GreaterThanOrEqualTo(0.90));
        var train = File.ReadAllLines(folder.File("train_kernel.csv"));
        var test = File.ReadAllLines(folder.File("test_kernel.csv"));
        Assert.That(train, Has.Length.EqualTo(split.Train.SampleCount));
        Assert.That(train[0].Split(','), Has.Length.EqualTo(split.Train.SampleCount));
        Assert.That(test, Has.Length.EqualTo(split.Test.SampleCount));
        Assert.That(test[0].Split(','), Has.Length.EqualTo(split.Train.SampleCount));
    }

    [Test]
    public void The_gram_matrix_is_symmetric_with_unit_diagonal_and_positive_semidefinite()
    {
        using var backend = HybridTestData.Cpu();
        var features = Circles(60).Train.Features;
        var kernel = new FidelityKernel(backend, 2, reps: 2);

        var gram = kernel.Gram(features);
        var n = gram.GetLength(0);
        var flat = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            Assert.That(gram[i, i], Is.EqualTo(1.0));
            for (var j = 0; j < n; j++)
            {
                Assert.That(gram[i, j], Is.EqualTo(gram[j, i]));
                Assert.That(gram[i, j], Is.InRange(-1e-12, 1 + 1e-12));
                flat[(i * n) + j] = gram[i, j];
            }
        }

        var eigen = SymmetricEigen.Jacobi(flat, n);
        Assert.That(eigen.Values.Min(), Is.GreaterThanOrEqualTo(-1e-9));
        // The statevector Gram equals the full kernel matrix of the samples with themselves (|⟨ψ|ψ⟩|² = 1 on the diagonal).
        var full = kernel.Matrix(features, features);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                Assert.That(full[i, j], Is.EqualTo(gram[i, j]).Within(1e-12));
            }
        }
    }

    [Test]
    public void Statevector_and_compute_uncompute_kernels_agree_within_sampling_error()
    {
        using var backend = HybridTestData.Cpu();
        var features = Circles(40).Train.Features[..(12 * 2)];
        const int shots = 4000;
        var exact = new FidelityKernel(backend, 2, reps: 2).Gram(features);
        var sampledKernel = new FidelityKernel(backend, 2, reps: 2, shots: shots, seed: 11);

        var sampled = sampledKernel.Gram(features);

        Assert.That(sampledKernel.UsesStates, Is.False);
        var worst = 0.0;
        for (var i = 0; i < 12; i++)
        {
            for (var j = 0; j < 12; j++)
            {
                var p = exact[i, j];
                var sigma = Math.Sqrt(Math.Max(p * (1 - p), 1e-4) / shots);
                worst = Math.Max(worst, Math.Abs(sampled[i, j] - p) / sigma);
            }
        }

        TestContext.Out.WriteLine($"largest deviation {worst:0.00} σ over the 12×12 entries");
        Assert.That(worst, Is.LessThan(5));
    }

    [Test]
    public void Smo_finds_the_maximum_margin_solution_and_satisfies_the_kkt_conditions()
    {
        // Two points at ±1 with a linear kernel: α = ½ each, ρ = 0, margin exactly 1.
        var two = SmoSolver.Solve(new double[,] { { 1, -1 }, { -1, 1 } }, [1, -1], c: 10, tolerance: 1e-9);
        Assert.That(two.Alphas, Is.EqualTo(new[] { 0.5, 0.5 }).Within(1e-9));
        Assert.That(two.Rho, Is.EqualTo(0).Within(1e-9));

        var random = new Random(3);
        const int n = 40;
        var x = new double[n, 2];
        var y = new int[n];
        for (var i = 0; i < n; i++)
        {
            y[i] = i % 2 == 0 ? 1 : -1;
            x[i, 0] = (y[i] * 0.5) + (random.NextDouble() - 0.5);
            x[i, 1] = random.NextDouble() - 0.5;
        }

        var kernel = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                kernel[i, j] = (x[i, 0] * x[j, 0]) + (x[i, 1] * x[j, 1]);
            }
        }

        const double c = 2.0;
        var solution = SmoSolver.Solve(kernel, y, c, tolerance: 1e-6);

        Assert.That(solution.Converged, Is.True);
        Assert.That(solution.Alphas.Zip(y).Sum(p => p.First * p.Second), Is.EqualTo(0).Within(1e-9));
        var row = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                row[j] = kernel[i, j];
            }

            var margin = y[i] * solution.Decision(row);
            var alpha = solution.Alphas[i];
            Assert.That(alpha, Is.InRange(0.0, c));
            if (alpha <= 0)
            {
                Assert.That(margin, Is.GreaterThanOrEqualTo(1 - 1e-4), $"sample {i}");
            }
            else if (alpha >= c)
            {
                Assert.That(margin, Is.LessThanOrEqualTo(1 + 1e-4), $"sample {i}");
            }
            else
            {
                Assert.That(margin, Is.EqualTo(1).Within(1e-4), $"sample {i}");
            }
        }
    }
}
