using System.Numerics;

namespace Qml.Backends.Mps.Linear;

/// <summary>
/// Thin QR of a small dense complex matrix by Householder reflections: A (m×n) = Q (m×k) R (k×n)
/// with k = min(m, n) and orthonormal columns in Q. The MPS moves its orthogonality centre with
/// it, which is several times cheaper than an SVD and needs no truncation.
/// </summary>
internal sealed class HouseholderQr
{
    private Complex[] _work = [];
    private Complex[] _reflectors = [];
    private double[] _betas = [];

    /// <summary>Factors A and writes Q (m×k, row-major) and R (k×n, row-major); returns k.</summary>
    public int Factor(ReadOnlySpan<Complex> a, int m, int n, Span<Complex> q, Span<Complex> r)
    {
        var k = Math.Min(m, n);
        Ensure(ref _work, m * n);
        Ensure(ref _reflectors, m * k);
        if (_betas.Length < k)
        {
            _betas = new double[Math.Max(k, _betas.Length * 2)];
        }

        var w = _work.AsSpan(0, m * n);
        a[..(m * n)].CopyTo(w);
        for (var j = 0; j < k; j++)
        {
            var v = _reflectors.AsSpan(j * m, m);
            var norm = 0.0;
            for (var i = j; i < m; i++)
            {
                var x = w[(i * n) + j];
                norm += (x.Real * x.Real) + (x.Imaginary * x.Imaginary);
            }

            norm = Math.Sqrt(norm);
            if (norm == 0.0)
            {
                _betas[j] = 0.0;
                continue;
            }

            // v = x − α·e1 with α = −e^{i·arg x0}·‖x‖, which avoids cancellation; H = I − β v v^H.
            var x0 = w[(j * n) + j];
            var magnitude = x0.Magnitude;
            var phase = magnitude == 0.0 ? Complex.One : x0 / magnitude;
            var alpha = -phase * norm;
            for (var i = j; i < m; i++)
            {
                v[i] = w[(i * n) + j];
            }

            v[j] -= alpha;
            var vNorm = 0.0;
            for (var i = j; i < m; i++)
            {
                vNorm += (v[i].Real * v[i].Real) + (v[i].Imaginary * v[i].Imaginary);
            }

            var beta = 2.0 / vNorm;
            _betas[j] = beta;
            for (var c = j; c < n; c++)
            {
                Complex dot = 0;
                for (var i = j; i < m; i++)
                {
                    dot += Complex.Conjugate(v[i]) * w[(i * n) + c];
                }

                dot *= beta;
                for (var i = j; i < m; i++)
                {
                    w[(i * n) + c] -= v[i] * dot;
                }
            }
        }

        // R: the upper k rows of the reduced matrix.
        for (var i = 0; i < k; i++)
        {
            var row = r.Slice(i * n, n);
            row[..i].Clear();
            w.Slice((i * n) + i, n - i).CopyTo(row[i..]);
        }

        // Q = H0·H1·…·H(k−1) applied to the first k columns of the identity, last reflector first.
        q[..(m * k)].Clear();
        for (var i = 0; i < k; i++)
        {
            q[(i * k) + i] = 1;
        }

        for (var j = k - 1; j >= 0; j--)
        {
            var beta = _betas[j];
            if (beta == 0.0)
            {
                continue;
            }

            var v = _reflectors.AsSpan(j * m, m);
            for (var c = j; c < k; c++)
            {
                Complex dot = 0;
                for (var i = j; i < m; i++)
                {
                    dot += Complex.Conjugate(v[i]) * q[(i * k) + c];
                }

                dot *= beta;
                for (var i = j; i < m; i++)
                {
                    q[(i * k) + c] -= v[i] * dot;
                }
            }
        }

        return k;
    }

    private static void Ensure(ref Complex[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new Complex[Math.Max(length, buffer.Length * 2)];
        }
    }
}
