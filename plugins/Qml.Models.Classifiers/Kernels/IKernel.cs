namespace Qml.Models.Classifiers.Kernels;

/// <summary>A positive semi-definite kernel on feature rows (row-major arrays of <see cref="Features"/> values per row).</summary>
public interface IKernel
{
    int Features { get; }

    /// <summary>The symmetric n×n Gram matrix of the rows of <paramref name="x"/>.</summary>
    double[,] Gram(double[] x);

    /// <summary>The m×n matrix K(a_i, b_j).</summary>
    double[,] Matrix(double[] a, double[] b);
}
