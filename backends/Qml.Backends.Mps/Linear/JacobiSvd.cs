using System.Numerics;
using System.Runtime.CompilerServices;

namespace Qml.Backends.Mps.Linear;

/// <summary>
/// Singular value decomposition of small dense complex matrices by one-sided (Hestenes) Jacobi
/// rotations: columns are rotated pairwise until orthogonal, so the singular values come out
/// with high relative accuracy and the singular vectors stay orthonormal to rounding even for
/// rank-deficient matrices, which the MPS meets all the time (bonds below their full size).
/// Buffers are kept across calls, so a warmed-up instance does not allocate.
/// </summary>
internal sealed class JacobiSvd
{
    private const double Epsilon = 2.220446049250313e-16;

    private const int MaxSweeps = 60;

    // The matrix W that is rotated (A, or A^H when A is wide), column-major, split into real
    // and imaginary parts so the rotations vectorise; and the accumulated rotations V.
    private double[] _wr = [];
    private double[] _wi = [];
    private double[] _vr = [];
    private double[] _vi = [];
    private double[] _norms = [];
    private double[] _values = [];
    private int[] _order = [];
    private int _p;
    private int _q;
    private bool _transposed;

    /// <summary>Rows of the last factored matrix.</summary>
    public int Rows { get; private set; }

    /// <summary>Columns of the last factored matrix.</summary>
    public int Columns { get; private set; }

    /// <summary>min(Rows, Columns) singular values, descending.</summary>
    public ReadOnlySpan<double> Values => _values.AsSpan(0, _q);

    /// <summary>Sweeps the last factorisation needed (for tests and benchmarks).</summary>
    public int Sweeps { get; private set; }

    /// <summary>Factors a row-major <paramref name="rows"/>×<paramref name="columns"/> matrix.</summary>
    public void Factor(ReadOnlySpan<Complex> matrix, int rows, int columns)
    {
        Rows = rows;
        Columns = columns;
        _transposed = rows < columns;
        _p = Math.Max(rows, columns);
        _q = Math.Min(rows, columns);
        Ensure(ref _wr, _p * _q);
        Ensure(ref _wi, _p * _q);
        Ensure(ref _vr, _q * _q);
        Ensure(ref _vi, _q * _q);
        Ensure(ref _norms, _q);
        Ensure(ref _values, _q);
        if (_order.Length < _q)
        {
            _order = new int[_q];
        }

        Load(matrix, rows, columns);
        Sweeps = Rotate();
        Finish();
    }

    /// <summary>
    /// Writes the first <paramref name="keep"/> left singular vectors as a row-major Rows×keep
    /// matrix, multiplied by their singular values when <paramref name="absorbValues"/>, and by
    /// <paramref name="scale"/> then.
    /// </summary>
    public void WriteLeft(Span<Complex> destination, int keep, bool absorbValues, double scale = 1.0)
    {
        for (var k = 0; k < keep; k++)
        {
            var j = _order[k];
            var sigma = _values[k];
            if (!_transposed)
            {
                // W's columns are σ_j·u_j.
                var factor = absorbValues ? scale : 1.0 / sigma;
                var offset = j * _p;
                for (var i = 0; i < Rows; i++)
                {
                    destination[(i * keep) + k] = new Complex(_wr[offset + i] * factor, _wi[offset + i] * factor);
                }
            }
            else
            {
                // A = Σ v_j (σ_j u_j)^H: the left vectors are V's columns.
                var factor = absorbValues ? sigma * scale : 1.0;
                var offset = j * _q;
                for (var i = 0; i < Rows; i++)
                {
                    destination[(i * keep) + k] = new Complex(_vr[offset + i] * factor, _vi[offset + i] * factor);
                }
            }
        }
    }

    /// <summary>
    /// Writes the first <paramref name="keep"/> right singular vectors, conjugated, as a
    /// row-major keep×Columns matrix (V^H), multiplied by their singular values when
    /// <paramref name="absorbValues"/>, and by <paramref name="scale"/> then.
    /// </summary>
    public void WriteRight(Span<Complex> destination, int keep, bool absorbValues, double scale = 1.0)
    {
        for (var k = 0; k < keep; k++)
        {
            var j = _order[k];
            var sigma = _values[k];
            var row = destination.Slice(k * Columns, Columns);
            if (!_transposed)
            {
                var factor = absorbValues ? sigma * scale : 1.0;
                var offset = j * _q;
                for (var c = 0; c < Columns; c++)
                {
                    row[c] = new Complex(_vr[offset + c] * factor, -_vi[offset + c] * factor);
                }
            }
            else
            {
                var factor = absorbValues ? scale : 1.0 / sigma;
                var offset = j * _p;
                for (var c = 0; c < Columns; c++)
                {
                    row[c] = new Complex(_wr[offset + c] * factor, -_wi[offset + c] * factor);
                }
            }
        }
    }

    private static void Ensure(ref double[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = GC.AllocateUninitializedArray<double>(Math.Max(length, buffer.Length * 2));
        }
    }

    private void Load(ReadOnlySpan<Complex> a, int rows, int columns)
    {
        if (!_transposed)
        {
            // W = A: column j holds A[:, j].
            for (var i = 0; i < rows; i++)
            {
                for (var j = 0; j < columns; j++)
                {
                    var value = a[(i * columns) + j];
                    _wr[(j * _p) + i] = value.Real;
                    _wi[(j * _p) + i] = value.Imaginary;
                }
            }
        }
        else
        {
            // W = A^H: column j holds conj(A[j, :]), a contiguous row of A.
            for (var j = 0; j < rows; j++)
            {
                for (var c = 0; c < columns; c++)
                {
                    var value = a[(j * columns) + c];
                    _wr[(j * _p) + c] = value.Real;
                    _wi[(j * _p) + c] = -value.Imaginary;
                }
            }
        }

        Array.Clear(_vr, 0, _q * _q);
        Array.Clear(_vi, 0, _q * _q);
        for (var j = 0; j < _q; j++)
        {
            _vr[(j * _q) + j] = 1.0;
        }
    }

    private int Rotate()
    {
        int p = _p, q = _q;
        var tolerance = Math.Sqrt(p) * Epsilon;
        var total = 0.0;
        for (var j = 0; j < q; j++)
        {
            total += ColumnNorm(j);
        }

        // Columns below this are numerically zero: rotating them only stirs rounding noise.
        var negligible = total * Epsilon * Epsilon;
        for (var sweep = 1; sweep <= MaxSweeps; sweep++)
        {
            for (var j = 0; j < q; j++)
            {
                _norms[j] = ColumnNorm(j);
            }

            var rotated = false;
            for (var a = 0; a < q - 1; a++)
            {
                for (var b = a + 1; b < q; b++)
                {
                    double alpha = _norms[a], beta = _norms[b];
                    if (alpha <= negligible || beta <= negligible)
                    {
                        continue;
                    }

                    var wa = a * p;
                    var wb = b * p;
                    var (gr, gi) = Dot(_wr.AsSpan(wa, p), _wi.AsSpan(wa, p), _wr.AsSpan(wb, p), _wi.AsSpan(wb, p));
                    var g = Math.Sqrt((gr * gr) + (gi * gi));
                    if (g <= tolerance * Math.Sqrt(alpha * beta))
                    {
                        continue;
                    }

                    rotated = true;
                    var zeta = (beta - alpha) / (2.0 * g);
                    var t = (zeta >= 0 ? 1.0 : -1.0) / (Math.Abs(zeta) + Math.Sqrt(1.0 + (zeta * zeta)));
                    var c = 1.0 / Math.Sqrt(1.0 + (t * t));
                    var s = c * t;

                    // e^{-iφ} with γ = |γ|e^{iφ} turns the pair real; then a real rotation.
                    double pr = gr / g, pi = -gi / g;
                    Rotate(_wr.AsSpan(wa, p), _wi.AsSpan(wa, p), _wr.AsSpan(wb, p), _wi.AsSpan(wb, p), c, s, pr, pi);
                    Rotate(_vr.AsSpan(a * q, q), _vi.AsSpan(a * q, q), _vr.AsSpan(b * q, q), _vi.AsSpan(b * q, q), c, s, pr, pi);
                    _norms[a] = alpha - (t * g);
                    _norms[b] = beta + (t * g);
                }
            }

            if (!rotated)
            {
                return sweep;
            }
        }

        return MaxSweeps;
    }

    private void Finish()
    {
        for (var j = 0; j < _q; j++)
        {
            _norms[j] = Math.Sqrt(ColumnNorm(j));
            _order[j] = j;
        }

        // Sorting by −σ keeps the largest first without a comparer allocation.
        for (var j = 0; j < _q; j++)
        {
            _values[j] = -_norms[j];
        }

        Array.Sort(_values, _order, 0, _q);
        for (var k = 0; k < _q; k++)
        {
            _values[k] = -_values[k];
        }
    }

    private double ColumnNorm(int j)
    {
        var re = _wr.AsSpan(j * _p, _p);
        var im = _wi.AsSpan(j * _p, _p);
        return Dot(re, re) + Dot(im, im);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var i = 0;
        var acc = Vector<double>.Zero;
        var width = Vector<double>.Count;
        for (; i <= x.Length - width; i += width)
        {
            acc += new Vector<double>(x[i..]) * new Vector<double>(y[i..]);
        }

        var sum = Vector.Sum(acc);
        for (; i < x.Length; i++)
        {
            sum += x[i] * y[i];
        }

        return sum;
    }

    /// <summary>γ = Σ conj(x_i)·y_i.</summary>
    private static (double Real, double Imaginary) Dot(ReadOnlySpan<double> xr, ReadOnlySpan<double> xi, ReadOnlySpan<double> yr, ReadOnlySpan<double> yi)
    {
        var width = Vector<double>.Count;
        var re = Vector<double>.Zero;
        var im = Vector<double>.Zero;
        var i = 0;
        for (; i <= xr.Length - width; i += width)
        {
            var ar = new Vector<double>(xr[i..]);
            var ai = new Vector<double>(xi[i..]);
            var br = new Vector<double>(yr[i..]);
            var bi = new Vector<double>(yi[i..]);
            re += (ar * br) + (ai * bi);
            im += (ar * bi) - (ai * br);
        }

        double sr = Vector.Sum(re), si = Vector.Sum(im);
        for (; i < xr.Length; i++)
        {
            sr += (xr[i] * yr[i]) + (xi[i] * yi[i]);
            si += (xr[i] * yi[i]) - (xi[i] * yr[i]);
        }

        return (sr, si);
    }

    /// <summary>x' = c·x − s·e·y, y' = s·x + c·e·y with the phase e = (pr + i·pi).</summary>
    private static void Rotate(Span<double> xr, Span<double> xi, Span<double> yr, Span<double> yi, double c, double s, double pr, double pi)
    {
        double er = s * pr, ei = s * pi, fr = c * pr, fi = c * pi;
        var width = Vector<double>.Count;
        var i = 0;
        if (xr.Length >= width)
        {
            Vector<double> vc = new(c), vs = new(s), ver = new(er), vei = new(ei), vfr = new(fr), vfi = new(fi);
            for (; i <= xr.Length - width; i += width)
            {
                var ar = new Vector<double>(xr[i..]);
                var ai = new Vector<double>(xi[i..]);
                var br = new Vector<double>(yr[i..]);
                var bi = new Vector<double>(yi[i..]);
                ((vc * ar) - ((ver * br) - (vei * bi))).CopyTo(xr[i..]);
                ((vc * ai) - ((ver * bi) + (vei * br))).CopyTo(xi[i..]);
                ((vs * ar) + ((vfr * br) - (vfi * bi))).CopyTo(yr[i..]);
                ((vs * ai) + ((vfr * bi) + (vfi * br))).CopyTo(yi[i..]);
            }
        }

        for (; i < xr.Length; i++)
        {
            double ar = xr[i], ai = xi[i], br = yr[i], bi = yi[i];
            xr[i] = (c * ar) - ((er * br) - (ei * bi));
            xi[i] = (c * ai) - ((er * bi) + (ei * br));
            yr[i] = (s * ar) + ((fr * br) - (fi * bi));
            yi[i] = (s * ai) + ((fr * bi) + (fi * br));
        }
    }
}
