using System.Numerics.Tensors;

namespace Qml.Learning.Data.Preprocessing;

/// <summary>Eigenvalues in descending order; row i of the row-major <see cref="Vectors"/> is the unit eigenvector of value i.</summary>
public sealed record EigenDecomposition(double[] Values, double[] Vectors, int Size)
{
    /// <summary>The unit eigenvector of eigenvalue <paramref name="index"/> (length <see cref="EigenDecomposition.Size"/>).</summary>
    public ReadOnlySpan<double> Vector(int index) => Vectors.AsSpan(index * Size, Size);
}

/// <summary>Eigen decompositions of real symmetric matrices (row-major n × n).</summary>
public static class SymmetricEigen
{
    /// <summary>
    /// Every eigenpair by cyclic Jacobi rotations: each rotation zeroes one off-diagonal entry,
    /// sweeps repeat until the off-diagonal mass is negligible against the whole matrix. Exact to
    /// rounding and unconditionally convergent, but O(n³) per sweep: meant for n up to a few hundred.
    /// </summary>
    public static EigenDecomposition Jacobi(ReadOnlySpan<double> matrix, int size)
    {
        if (size < 1 || matrix.Length != size * size)
        {
            throw new Qml.Abstractions.QmlException($"Jacobi eigensolver: {matrix.Length} values do not form a {size}×{size} matrix.");
        }

        var a = matrix.ToArray();
        var v = new double[size * size];
        for (var i = 0; i < size; i++)
        {
            v[(i * size) + i] = 1;
        }

        var total = TensorPrimitives.SumOfSquares(a);
        for (var sweep = 0; sweep < 100; sweep++)
        {
            var off = 0.0;
            for (var p = 0; p < size; p++)
            {
                for (var q = p + 1; q < size; q++)
                {
                    off += a[(p * size) + q] * a[(p * size) + q];
                }
            }

            if (off <= 1e-32 * total || off == 0)
            {
                break;
            }

            for (var p = 0; p < size - 1; p++)
            {
                for (var q = p + 1; q < size; q++)
                {
                    Rotate(a, v, size, p, q);
                }
            }
        }

        var values = new double[size];
        for (var i = 0; i < size; i++)
        {
            values[i] = a[(i * size) + i];
        }

        // Columns of v are the eigenvectors; return them as rows, largest value first.
        var order = Enumerable.Range(0, size).OrderByDescending(i => values[i]).ToArray();
        var sortedVectors = new double[size * size];
        for (var r = 0; r < size; r++)
        {
            for (var k = 0; k < size; k++)
            {
                sortedVectors[(r * size) + k] = v[(k * size) + order[r]];
            }
        }

        return new EigenDecomposition(order.Select(i => values[i]).ToArray(), sortedVectors, size);
    }

    /// <summary>
    /// The <c>count</c> largest eigenpairs of a positive semi-definite matrix by subspace
    /// iteration with Rayleigh–Ritz (a seeded random start of count + oversampling vectors,
    /// repeated multiplication and re-orthonormalisation, Jacobi on the small projected matrix),
    /// which costs O(n²·count) per iteration instead of Jacobi's O(n³) per sweep.
    /// </summary>
    public static EigenDecomposition TopEigenpairs(ReadOnlySpan<double> matrix, int size, int count, int seed = 0, double tolerance = 1e-10, int maxIterations = 2000)
    {
        if (count < 1 || count > size || matrix.Length != size * size)
        {
            throw new Qml.Abstractions.QmlException($"Subspace iteration: {count} eigenpairs of a {size}×{size} matrix ({matrix.Length} values) is invalid.");
        }

        var m = Math.Min(size, (2 * count) + 8);
        var random = new Random(seed);
        var q = new double[m * size];
        for (var i = 0; i < q.Length; i++)
        {
            q[i] = random.NextDouble() - 0.5;
        }

        Orthonormalise(q, m, size);
        var product = new double[m * size];
        var scale = Math.Sqrt(TensorPrimitives.SumOfSquares(matrix));
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            Multiply(matrix, q, product, m, size);
            // Rayleigh–Ritz on the current basis: H = Q C Qᵀ, rotate Q to H's eigenvectors.
            var h = new double[m * m];
            for (var i = 0; i < m; i++)
            {
                for (var j = 0; j < m; j++)
                {
                    h[(i * m) + j] = TensorPrimitives.Dot(q.AsSpan(i * size, size), product.AsSpan(j * size, size));
                }
            }

            for (var i = 0; i < m; i++)
            {
                for (var j = i + 1; j < m; j++)
                {
                    h[(i * m) + j] = h[(j * m) + i] = 0.5 * (h[(i * m) + j] + h[(j * m) + i]);
                }
            }

            var small = Jacobi(h, m);
            var ritz = Combine(small.Vectors, q, m, size);
            var residual = 0.0;
            var moved = Combine(small.Vectors, product, m, size);
            for (var i = 0; i < count; i++)
            {
                var r = 0.0;
                for (var k = 0; k < size; k++)
                {
                    var d = moved[(i * size) + k] - (small.Values[i] * ritz[(i * size) + k]);
                    r += d * d;
                }

                residual = Math.Max(residual, Math.Sqrt(r));
            }

            if (residual <= tolerance * Math.Max(scale, double.Epsilon) || scale == 0)
            {
                return new EigenDecomposition(small.Values[..count], ritz[..(count * size)], size);
            }

            // Next basis: the multiplied Ritz vectors, re-orthonormalised.
            moved.CopyTo(q, 0);
            Orthonormalise(q, m, size);
        }

        throw new Qml.Abstractions.QmlException(
            $"Subspace iteration for the top {count} eigenpairs of a {size}×{size} matrix did not converge in {maxIterations} iterations; use the Jacobi solver.");
    }

    private static void Rotate(double[] a, double[] v, int n, int p, int q)
    {
        var apq = a[(p * n) + q];
        if (apq == 0)
        {
            return;
        }

        var theta = (a[(q * n) + q] - a[(p * n) + p]) / (2 * apq);
        var t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
        var c = 1 / Math.Sqrt((t * t) + 1);
        var s = t * c;
        for (var k = 0; k < n; k++)
        {
            // Columns p and q of A·J.
            var akp = a[(k * n) + p];
            var akq = a[(k * n) + q];
            a[(k * n) + p] = (c * akp) - (s * akq);
            a[(k * n) + q] = (s * akp) + (c * akq);
        }

        for (var k = 0; k < n; k++)
        {
            // Rows p and q of Jᵀ·(A·J).
            var apk = a[(p * n) + k];
            var aqk = a[(q * n) + k];
            a[(p * n) + k] = (c * apk) - (s * aqk);
            a[(q * n) + k] = (s * apk) + (c * aqk);
            var vkp = v[(k * n) + p];
            var vkq = v[(k * n) + q];
            v[(k * n) + p] = (c * vkp) - (s * vkq);
            v[(k * n) + q] = (s * vkp) + (c * vkq);
        }

        a[(p * n) + q] = a[(q * n) + p] = 0;
    }

    /// <summary>product row j = C · q row j (C symmetric, so rows of C serve as columns).</summary>
    private static void Multiply(ReadOnlySpan<double> c, double[] q, double[] product, int m, int n)
    {
        for (var j = 0; j < m; j++)
        {
            var vector = q.AsSpan(j * n, n);
            for (var r = 0; r < n; r++)
            {
                product[(j * n) + r] = TensorPrimitives.Dot(c.Slice(r * n, n), vector);
            }
        }
    }

    /// <summary>Rows of (weights · basis): weights is m × m (row i = coefficients), basis m × n.</summary>
    private static double[] Combine(double[] weights, double[] basis, int m, int n)
    {
        var result = new double[m * n];
        for (var i = 0; i < m; i++)
        {
            var row = result.AsSpan(i * n, n);
            for (var j = 0; j < m; j++)
            {
                TensorPrimitives.MultiplyAdd(basis.AsSpan(j * n, n), weights[(i * m) + j], row, row);
            }
        }

        return result;
    }

    /// <summary>Modified Gram–Schmidt on m rows of length n, done twice for numerical orthogonality.</summary>
    private static void Orthonormalise(double[] rows, int m, int n)
    {
        for (var pass = 0; pass < 2; pass++)
        {
            for (var i = 0; i < m; i++)
            {
                var row = rows.AsSpan(i * n, n);
                for (var j = 0; j < i; j++)
                {
                    var other = rows.AsSpan(j * n, n);
                    TensorPrimitives.MultiplyAdd(other, -TensorPrimitives.Dot(row, other), row, row);
                }

                var norm = TensorPrimitives.Norm(row);
                if (norm < 1e-300)
                {
                    // A degenerate direction (the matrix has lower rank): replace it by a unit axis.
                    row.Clear();
                    row[i % n] = 1;
                    norm = 1;
                }

                TensorPrimitives.Divide(row, norm, row);
            }
        }
    }
}
