using System.Globalization;
using System.Text;
using Qml.Learning.Data;

namespace Qml.Models.Classifiers.Kernels;

/// <summary>
/// A support vector machine on a <see cref="FidelityKernel"/>: the training Gram matrix is
/// computed once, <see cref="SmoSolver"/> fits the dual (binary, or one-vs-rest for more
/// classes), and predictions need the kernel between test and training samples. Both kernel
/// matrices can be written as CSV. The library form; <c>qml train --model qsvm</c> runs the same
/// kernel and solver as <see cref="KernelSvmModel"/>, a one-shot model with a checkpoint.
/// </summary>
public sealed class QuantumKernelSvm(FidelityKernel kernel, double c = 1.0, double tolerance = 1e-3)
{
    private double[]? _train;
    private SvmSolution[] _machines = [];

    public FidelityKernel Kernel { get; } = kernel ?? throw new ArgumentNullException(nameof(kernel));

    public double C { get; } = c;

    public double Tolerance { get; } = tolerance;

    public int ClassCount { get; private set; }

    /// <summary>The training Gram matrix of the last <see cref="Fit"/>.</summary>
    public double[,]? TrainKernel { get; private set; }

    /// <summary>One binary machine for two classes (class 1 is +1), else one per class against the rest.</summary>
    public IReadOnlyList<SvmSolution> Machines => _machines;

    public QuantumKernelSvm Fit(Dataset train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var labels = train.Labels ?? throw new ArgumentException("the SVM needs a classification dataset.", nameof(train));
        _train = (double[])train.Features.Clone();
        ClassCount = Math.Max(2, train.ClassCount);
        TrainKernel = Kernel.Gram(_train);
        var classes = ClassCount == 2 ? [1] : Enumerable.Range(0, ClassCount).ToArray();
        _machines = [.. classes.Select(k => SmoSolver.Solve(TrainKernel, [.. labels.Select(l => l == k ? 1 : -1)], C, Tolerance))];
        return this;
    }

    /// <summary>The kernel between the rows of <paramref name="data"/> and the training samples.</summary>
    public double[,] KernelAgainstTraining(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Kernel.Matrix(data.Features, _train ?? throw new InvalidOperationException("Fit the SVM first."));
    }

    /// <summary>Predicted classes from a kernel matrix against the training samples (rows: samples).</summary>
    public int[] Predict(double[,] kernelAgainstTraining)
    {
        ArgumentNullException.ThrowIfNull(kernelAgainstTraining);
        var rows = kernelAgainstTraining.GetLength(0);
        var n = kernelAgainstTraining.GetLength(1);
        var predictions = new int[rows];
        var row = new double[n];
        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < n; j++)
            {
                row[j] = kernelAgainstTraining[r, j];
            }

            if (_machines.Length == 1)
            {
                predictions[r] = _machines[0].Decision(row) >= 0 ? 1 : 0;
            }
            else
            {
                var best = double.NegativeInfinity;
                for (var k = 0; k < _machines.Length; k++)
                {
                    var d = _machines[k].Decision(row);
                    if (d > best)
                    {
                        best = d;
                        predictions[r] = k;
                    }
                }
            }
        }

        return predictions;
    }

    public int[] Predict(Dataset data) => Predict(KernelAgainstTraining(data));

    public static double Accuracy(int[] predictions, int[] labels) =>
        predictions.Zip(labels).Count(p => p.First == p.Second) / (double)labels.Length;

    /// <summary>Writes a kernel matrix as CSV, one row per line, round-trip precision.</summary>
    public static void WriteCsv(string path, double[,] matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var text = new StringBuilder();
        for (var i = 0; i < matrix.GetLength(0); i++)
        {
            for (var j = 0; j < matrix.GetLength(1); j++)
            {
                if (j > 0)
                {
                    text.Append(',');
                }

                text.Append(matrix[i, j].ToString("R", CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }

        Qml.Learning.Checkpoints.AtomicFile.WriteAllText(path, text.ToString());
    }

    /// <summary>Writes train_kernel.csv (the Gram matrix) and test_kernel.csv (test × train) into <paramref name="directory"/>.</summary>
    public void ExportKernels(string directory, Dataset test)
    {
        Directory.CreateDirectory(directory);
        WriteCsv(Path.Combine(directory, "train_kernel.csv"), TrainKernel ?? throw new InvalidOperationException("Fit the SVM first."));
        WriteCsv(Path.Combine(directory, "test_kernel.csv"), KernelAgainstTraining(test));
    }
}
