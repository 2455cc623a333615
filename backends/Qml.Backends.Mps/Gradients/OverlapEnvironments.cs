using System.Numerics;
using Qml.Backends.Mps.Linear;
using Qml.Backends.Mps.State;

namespace Qml.Backends.Mps.Gradients;

/// <summary>
/// ⟨λ|M|ψ⟩ between two MPS for an operator M on one or two (not necessarily adjacent) sites,
/// with the transfer environments left and right of the operator cached per bond. Each state
/// reports which sites it rewrote since the last call (<see cref="MpsState.Changes"/>), and only
/// environments that contract those sites are rebuilt, so a backward sweep pays about one
/// transfer per gate instead of a full overlap per angle.
/// </summary>
/// <remarks>
/// Left environment L_k (bond left of site k) is χλ × χψ; right environment R_k (bond left of
/// site k, contracting sites k … n−1) is stored transposed, χψ × χλ, so that a closed overlap is
/// tr(L_k·R_k).
/// </remarks>
internal sealed class OverlapEnvironments
{
    private readonly int _n;
    private readonly Complex[][] _left;
    private readonly Complex[][] _right;
    private readonly Complex[][] _openLeft = new Complex[4][];
    private readonly Complex[][] _openRight = new Complex[4][];
    private Complex[] _product = [];
    private Complex[] _spare = [];
    private int _leftValid;
    private int _rightValid;

    public OverlapEnvironments(int qubitCount)
    {
        _n = qubitCount;
        _left = new Complex[qubitCount + 1][];
        _right = new Complex[qubitCount + 1][];
        for (var k = 0; k <= qubitCount; k++)
        {
            _left[k] = [];
            _right[k] = [];
        }

        for (var i = 0; i < 4; i++)
        {
            _openLeft[i] = [];
            _openRight[i] = [];
        }

        _left[0] = [Complex.One];
        _right[qubitCount] = [Complex.One];
        Invalidate();
    }

    /// <summary>Forgets every cached environment (new states).</summary>
    public void Invalidate()
    {
        _leftValid = 0;
        _rightValid = _n;
    }

    /// <summary>
    /// Re⟨λ|M|ψ⟩ for the row-major matrix M of a gate on <paramref name="qubits"/> (one or two,
    /// little-endian in the gate's qubit order, as <c>GateMatrices</c> writes them).
    /// </summary>
    public double RealOverlap(MpsState lambda, MpsState psi, ReadOnlySpan<int> qubits, ReadOnlySpan<Complex> matrix)
    {
        Sync(lambda);
        Sync(psi);
        var i = qubits.Length == 1 ? qubits[0] : Math.Min(qubits[0], qubits[1]);
        var j = qubits.Length == 1 ? qubits[0] : Math.Max(qubits[0], qubits[1]);
        ExtendLeft(lambda, psi, i);
        ExtendRight(lambda, psi, j + 1);

        // Open environments: the physical legs of site i (left) and site j (right) are not traced,
        // one matrix per (λ index, ψ index) pair.
        var lambdaSite = lambda.Site(i);
        var psiSite = psi.Site(i);
        var leftShape = (Rows: lambdaSite.Right, Columns: psiSite.Right);
        for (var a = 0; a < 2; a++)
        {
            for (var b = 0; b < 2; b++)
            {
                var open = Buffer(ref _openLeft[(a * 2) + b], leftShape.Rows * leftShape.Columns);
                open.Clear();
                TransferLeft(_left[i], lambdaSite, psiSite, a, b, open);
            }
        }

        var sum = Complex.Zero;
        if (qubits.Length == 1)
        {
            var closed = _right[i + 1];
            for (var a = 0; a < 2; a++)
            {
                for (var b = 0; b < 2; b++)
                {
                    var m = matrix[(a * 2) + b];
                    if (m != Complex.Zero)
                    {
                        sum += m * Trace(_openLeft[(a * 2) + b], closed, leftShape.Rows, leftShape.Columns);
                    }
                }
            }

            return sum.Real;
        }

        // Carry the four open-left environments across the sites strictly between i and j.
        var rows = leftShape.Rows;
        var columns = leftShape.Columns;
        for (var k = i + 1; k < j; k++)
        {
            var lambdaK = lambda.Site(k);
            var psiK = psi.Site(k);
            for (var ab = 0; ab < 4; ab++)
            {
                var next = Buffer(ref _spare, lambdaK.Right * psiK.Right);
                next.Clear();
                TransferLeft(_openLeft[ab], lambdaK, psiK, 0, 0, next);
                TransferLeft(_openLeft[ab], lambdaK, psiK, 1, 1, next);
                (_openLeft[ab], _spare) = (_spare, _openLeft[ab]);
            }

            rows = lambdaK.Right;
            columns = psiK.Right;
        }

        var lambdaJ = lambda.Site(j);
        var psiJ = psi.Site(j);
        for (var c = 0; c < 2; c++)
        {
            for (var d = 0; d < 2; d++)
            {
                var open = Buffer(ref _openRight[(c * 2) + d], psiJ.Left * lambdaJ.Left);
                open.Clear();
                TransferRight(_right[j + 1], lambdaJ, psiJ, c, d, open);
            }
        }

        // The gate's first qubit is bit 0 of its matrix index.
        var firstIsLow = qubits[0] == i;
        for (var a = 0; a < 2; a++)
        {
            for (var b = 0; b < 2; b++)
            {
                for (var c = 0; c < 2; c++)
                {
                    for (var d = 0; d < 2; d++)
                    {
                        var output = firstIsLow ? a + (2 * c) : c + (2 * a);
                        var input = firstIsLow ? b + (2 * d) : d + (2 * b);
                        var m = matrix[(output * 4) + input];
                        if (m != Complex.Zero)
                        {
                            sum += m * Trace(_openLeft[(a * 2) + b], _openRight[(c * 2) + d], rows, columns);
                        }
                    }
                }
            }
        }

        return sum.Real;
    }

    /// <summary>Environments that contract a site the state rewrote are stale.</summary>
    private void Sync(MpsState state)
    {
        var (low, high) = state.Changes;
        if (low <= high)
        {
            _leftValid = Math.Min(_leftValid, low);
            _rightValid = Math.Max(_rightValid, high + 1);
        }

        state.ClearChanges();
    }

    private void ExtendLeft(MpsState lambda, MpsState psi, int target)
    {
        for (var k = _leftValid; k < target; k++)
        {
            var lambdaK = lambda.Site(k);
            var psiK = psi.Site(k);
            var next = Buffer(ref _left[k + 1], lambdaK.Right * psiK.Right);
            next.Clear();
            TransferLeft(_left[k], lambdaK, psiK, 0, 0, next);
            TransferLeft(_left[k], lambdaK, psiK, 1, 1, next);
        }

        _leftValid = Math.Max(_leftValid, target);
    }

    private void ExtendRight(MpsState lambda, MpsState psi, int target)
    {
        for (var k = _rightValid - 1; k >= target; k--)
        {
            var lambdaK = lambda.Site(k);
            var psiK = psi.Site(k);
            var next = Buffer(ref _right[k], psiK.Left * lambdaK.Left);
            next.Clear();
            TransferRight(_right[k + 1], lambdaK, psiK, 0, 0, next);
            TransferRight(_right[k + 1], lambdaK, psiK, 1, 1, next);
        }

        _rightValid = Math.Min(_rightValid, target);
    }

    /// <summary>E'[rλ, rψ] += Σ conj(Λ[l, a, rλ]) E[l, l'] Ψ[l', b, rψ].</summary>
    private void TransferLeft(ReadOnlySpan<Complex> environment, SiteTensor lambda, SiteTensor psi, int a, int b, Span<Complex> output)
    {
        int lambdaLeft = lambda.Left, lambdaRight = lambda.Right, psiLeft = psi.Left, psiRight = psi.Right;
        var psiValues = psi.Values;
        var lambdaValues = lambda.Values;

        // T[l, rψ] = Σ_l' E[l, l'] Ψ[l', b, rψ].
        var product = Buffer(ref _product, lambdaLeft * psiRight);
        product.Clear();
        for (var l = 0; l < lambdaLeft; l++)
        {
            var row = product.Slice(l * psiRight, psiRight);
            for (var lp = 0; lp < psiLeft; lp++)
            {
                var e = environment[(l * psiLeft) + lp];
                if (e != Complex.Zero)
                {
                    ComplexBlas.Axpy(e, psiValues.Slice(((lp * 2) + b) * psiRight, psiRight), row);
                }
            }
        }

        for (var l = 0; l < lambdaLeft; l++)
        {
            var source = product.Slice(l * psiRight, psiRight);
            var lambdaRow = lambdaValues.Slice(((l * 2) + a) * lambdaRight, lambdaRight);
            for (var r = 0; r < lambdaRight; r++)
            {
                var factor = Complex.Conjugate(lambdaRow[r]);
                if (factor != Complex.Zero)
                {
                    ComplexBlas.Axpy(factor, source, output.Slice(r * psiRight, psiRight));
                }
            }
        }
    }

    /// <summary>R'[lψ, lλ] += Σ Ψ[lψ, d, r'] R[r', r] conj(Λ[lλ, c, r]) (environments stored ψ × λ).</summary>
    private void TransferRight(ReadOnlySpan<Complex> environment, SiteTensor lambda, SiteTensor psi, int c, int d, Span<Complex> output)
    {
        int lambdaLeft = lambda.Left, lambdaRight = lambda.Right, psiLeft = psi.Left, psiRight = psi.Right;
        var psiValues = psi.Values;
        var lambdaValues = lambda.Values;

        // Q[lψ, rλ] = Σ_r' Ψ[lψ, d, r'] R[r', rλ].
        var product = Buffer(ref _product, psiLeft * lambdaRight);
        product.Clear();
        for (var l = 0; l < psiLeft; l++)
        {
            var row = product.Slice(l * lambdaRight, lambdaRight);
            var psiRow = psiValues.Slice(((l * 2) + d) * psiRight, psiRight);
            for (var r = 0; r < psiRight; r++)
            {
                var p = psiRow[r];
                if (p != Complex.Zero)
                {
                    ComplexBlas.Axpy(p, environment.Slice(r * lambdaRight, lambdaRight), row);
                }
            }
        }

        for (var l = 0; l < psiLeft; l++)
        {
            var q = product.Slice(l * lambdaRight, lambdaRight);
            for (var m = 0; m < lambdaLeft; m++)
            {
                var lambdaRow = lambdaValues.Slice(((m * 2) + c) * lambdaRight, lambdaRight);
                var sum = Complex.Zero;
                for (var r = 0; r < lambdaRight; r++)
                {
                    sum += q[r] * Complex.Conjugate(lambdaRow[r]);
                }

                output[(l * lambdaLeft) + m] += sum;
            }
        }
    }

    /// <summary>tr(L·R) for L (rows × columns, λ × ψ) and R stored ψ × λ.</summary>
    private static Complex Trace(ReadOnlySpan<Complex> left, ReadOnlySpan<Complex> right, int rows, int columns)
    {
        var sum = Complex.Zero;
        for (var x = 0; x < rows; x++)
        {
            for (var y = 0; y < columns; y++)
            {
                sum += left[(x * columns) + y] * right[(y * rows) + x];
            }
        }

        return sum;
    }

    private static Span<Complex> Buffer(ref Complex[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new Complex[Math.Max(length, buffer.Length * 2)];
        }

        return buffer.AsSpan(0, length);
    }
}
