namespace Qml.Learning.Optimizers.GradientFree;

/// <summary>Small dense linear algebra for the simplex methods (n is the parameter count, modest here).</summary>
internal static class DenseMatrix
{
    /// <summary>Inverse of a row-major n × n matrix by Gauss–Jordan elimination with partial pivoting; null when singular.</summary>
    public static double[]? Invert(double[] matrix, int n)
    {
        var a = (double[])matrix.Clone();
        var inverse = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            inverse[(i * n) + i] = 1;
        }

        var scale = 0.0;
        foreach (var value in a)
        {
            scale = Math.Max(scale, Math.Abs(value));
        }

        for (var column = 0; column < n; column++)
        {
            var pivot = column;
            for (var row = column + 1; row < n; row++)
            {
                if (Math.Abs(a[(row * n) + column]) > Math.Abs(a[(pivot * n) + column]))
                {
                    pivot = row;
                }
            }

            if (Math.Abs(a[(pivot * n) + column]) <= 1e-14 * scale)
            {
                return null;
            }

            SwapRows(a, n, pivot, column);
            SwapRows(inverse, n, pivot, column);
            var diagonal = a[(column * n) + column];
            for (var k = 0; k < n; k++)
            {
                a[(column * n) + k] /= diagonal;
                inverse[(column * n) + k] /= diagonal;
            }

            for (var row = 0; row < n; row++)
            {
                var factor = a[(row * n) + column];
                if (row != column && factor != 0)
                {
                    for (var k = 0; k < n; k++)
                    {
                        a[(row * n) + k] -= factor * a[(column * n) + k];
                        inverse[(row * n) + k] -= factor * inverse[(column * n) + k];
                    }
                }
            }
        }

        return inverse;
    }

    /// <summary>Solves the k × k system M x = rhs (M symmetric positive definite here); null when singular.</summary>
    public static double[]? Solve(double[] matrix, double[] rhs, int k)
    {
        var inverse = Invert(matrix, k);
        if (inverse is null)
        {
            return null;
        }

        var x = new double[k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                x[i] += inverse[(i * k) + j] * rhs[j];
            }
        }

        return x;
    }

    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    public static double Norm(ReadOnlySpan<double> a) => Math.Sqrt(Dot(a, a));

    private static void SwapRows(double[] a, int n, int i, int j)
    {
        if (i != j)
        {
            for (var k = 0; k < n; k++)
            {
                (a[(i * n) + k], a[(j * n) + k]) = (a[(j * n) + k], a[(i * n) + k]);
            }
        }
    }
}
