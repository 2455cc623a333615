using System.Numerics;
using Qml.Backends.Mps.Linear;

namespace Qml.Backends.Mps.State;

/// <summary>
/// A matrix product state with one <see cref="SiteTensor"/> per qubit (site q is qubit q) and an
/// explicit orthogonality centre: sites left of <see cref="Centre"/> are left-isometric, sites
/// right of it right-isometric, so the norm and every local quantity live in the centre.
/// Gates on adjacent sites contract them, apply the matrix and split with a truncated SVD that
/// leaves the centre on the requested side; scratch buffers are reused across gates and rows.
/// </summary>
internal sealed class MpsState
{
    private static readonly Complex[] SwapMatrix =
    [
        1, 0, 0, 0,
        0, 0, 1, 0,
        0, 1, 0, 0,
        0, 0, 0, 1,
    ];

    private readonly SiteTensor[] _sites;
    private readonly TruncationPolicy _policy;
    private readonly PreconditionedSvd _svd = new();
    private readonly HouseholderQr _qr = new();
    private Complex[] _theta = [];
    private Complex[] _scratch = [];
    private Complex[] _factorQ = [];
    private Complex[] _factorR = [];
    private int _changedLow;
    private int _changedHigh = -1;

    public MpsState(int qubitCount, TruncationPolicy policy)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(qubitCount, 1);
        _policy = policy;
        _sites = new SiteTensor[qubitCount];
        for (var q = 0; q < qubitCount; q++)
        {
            _sites[q] = new SiteTensor();
        }

        Reset();
    }

    public int QubitCount => _sites.Length;

    /// <summary>The site that carries the norm; every other site is an isometry towards it.</summary>
    public int Centre { get; private set; }

    public TruncationStats Stats { get; } = new();

    public TruncationPolicy Policy => _policy;

    public SiteTensor Site(int qubit) => _sites[qubit];

    /// <summary>
    /// Sites whose tensors were rewritten since <see cref="ClearChanges"/> (gates, SVD splits and
    /// centre moves alike), so contractions cached against this state know what to recompute;
    /// empty when <c>Low &gt; High</c>.
    /// </summary>
    public (int Low, int High) Changes => (_changedLow, _changedHigh);

    public void ClearChanges() => (_changedLow, _changedHigh) = (int.MaxValue, -1);

    /// <summary>⟨ψ|ψ⟩: the squared norm of the centre tensor.</summary>
    public double SquaredNorm => ComplexBlas.SquaredNorm(_sites[Centre].Values);

    /// <summary>|0…0⟩ with unit bonds and fresh statistics.</summary>
    public void Reset()
    {
        foreach (var site in _sites)
        {
            site.SetZero();
        }

        Centre = 0;
        Stats.Reset();
        Touch(0, _sites.Length - 1);
    }

    /// <summary>
    /// Restores the canonical form after site tensors were written directly (bonds may be
    /// oversized): a QR sweep leaves every site right-isometric, then a sweep of one-site SVDs
    /// cuts each bond to its Schmidt rank under the truncation policy, ending with the centre on
    /// the last site. The state itself does not change unless the policy truncates.
    /// </summary>
    public void Canonicalize()
    {
        Centre = _sites.Length - 1;
        MoveCentre(0);
        while (Centre < _sites.Length - 1)
        {
            CompressRight();
        }

        Touch(0, _sites.Length - 1);
    }

    /// <summary>
    /// |this⟩ += |other⟩ for a state of the same register: the direct sum of the site tensors
    /// (block-diagonal inside, concatenated on the edge bonds), then <see cref="Canonicalize"/>
    /// to cut the summed bonds back to the Schmidt ranks.
    /// </summary>
    public void Add(MpsState other)
    {
        var n = _sites.Length;
        for (var q = 0; q < n; q++)
        {
            var mine = _sites[q];
            var theirs = other._sites[q];
            int l1 = mine.Left, r1 = mine.Right, l2 = theirs.Left, r2 = theirs.Right;
            var left = q == 0 ? 1 : l1 + l2;
            var right = q == n - 1 ? 1 : r1 + r2;
            var copy = Buffer(ref _scratch, mine.Length);
            mine.Values.CopyTo(copy);
            var values = mine.Reshape(left, right);
            values.Clear();
            Place(copy, l1, r1, values, right, 0, 0);
            Place(theirs.Values, l2, r2, values, right, q == 0 ? 0 : l1, q == n - 1 ? 0 : r1);
        }

        Canonicalize();
    }

    /// <summary>Adds block A[l, s, r] into T[rowOffset + l, s, columnOffset + r] (T has <paramref name="right"/> columns).</summary>
    private static void Place(ReadOnlySpan<Complex> block, int left, int blockRight, Span<Complex> target, int right, int rowOffset, int columnOffset)
    {
        for (var l = 0; l < left; l++)
        {
            for (var s = 0; s < 2; s++)
            {
                var source = block.Slice(((l * 2) + s) * blockRight, blockRight);
                var destination = target.Slice(((((rowOffset + l) * 2) + s) * right) + columnOffset, blockRight);
                for (var r = 0; r < blockRight; r++)
                {
                    destination[r] += source[r];
                }
            }
        }
    }

    /// <summary>
    /// With everything right of the centre right-isometric, A[c] = U·σ·V^H as a (2L)×R matrix has
    /// the Schmidt values of bond c+1: U stays, σ·V^H moves into A[c+1], and the bond keeps the
    /// rank the policy allows. Half the size of a two-site split, for a bond no gate changed.
    /// </summary>
    private void CompressRight()
    {
        var site = _sites[Centre];
        var next = _sites[Centre + 1];
        int left = site.Left, right = site.Right;
        var matrix = Buffer(ref _theta, 2 * left * right);
        site.Values.CopyTo(matrix);
        _svd.Factor(matrix, 2 * left, right);
        var (keep, discarded, kept) = _policy.Choose(_svd.Values);
        var scale = discarded > 0.0 ? Math.Sqrt(SumOfSquares(_svd.Values) / kept) : 1.0;
        Stats.RecordSvd(discarded, keep);
        _svd.WriteLeft(site.Reshape(left, keep), keep, absorbValues: false);
        var rest = Buffer(ref _factorR, keep * right);
        _svd.WriteRight(rest, keep, absorbValues: true, scale);
        var product = Buffer(ref _scratch, keep * 2 * next.Right);
        ComplexBlas.Multiply(rest, next.Values, product, keep, right, 2 * next.Right);
        next.Assign(keep, next.Right, product);
        Centre++;
    }

    /// <summary>Applies a 2×2 row-major matrix to one site in place; isometries stay isometries, so the centre does not move.</summary>
    public void ApplySingle(int qubit, ReadOnlySpan<Complex> matrix)
    {
        Touch(qubit, qubit);
        var site = _sites[qubit];
        var values = site.Values;
        var right = site.Right;
        Complex m00 = matrix[0], m01 = matrix[1], m10 = matrix[2], m11 = matrix[3];
        for (var l = 0; l < site.Left; l++)
        {
            var zero = values.Slice(l * 2 * right, right);
            var one = values.Slice(((l * 2) + 1) * right, right);
            for (var r = 0; r < right; r++)
            {
                var a = zero[r];
                var b = one[r];
                zero[r] = (m00 * a) + (m01 * b);
                one[r] = (m10 * a) + (m11 * b);
            }
        }
    }

    /// <summary>Moves the orthogonality centre to <paramref name="target"/> by QR steps.</summary>
    public void MoveCentre(int target)
    {
        while (Centre < target)
        {
            StepRight();
        }

        while (Centre > target)
        {
            StepLeft();
        }
    }

    /// <summary>Exchanges the qubits on sites <paramref name="left"/> and left + 1.</summary>
    public void SwapSites(int left, bool centreLeft)
    {
        Stats.RecordSwap();
        ApplyBlock(left, 2, SwapMatrix, centreLeft);
    }

    /// <summary>
    /// Applies a 2^count-dimensional matrix to the adjacent sites first … first + count − 1 and
    /// splits the result with truncated SVDs. The matrix is row-major in site order: the leftmost
    /// site is the most significant bit of its index. The centre ends on the first site when
    /// <paramref name="centreLeft"/>, else on the last.
    /// </summary>
    public void ApplyBlock(int first, int count, ReadOnlySpan<Complex> siteOrderMatrix, bool centreLeft)
    {
        var last = first + count - 1;
        if (Centre < first)
        {
            MoveCentre(first);
        }
        else if (Centre > last)
        {
            MoveCentre(last);
        }

        Touch(first, last);
        var left = _sites[first].Left;
        var right = _sites[last].Right;
        var physical = 1 << count;
        var size = left * physical * right;
        var theta = Contract(first, count, size);
        if (!siteOrderMatrix.IsEmpty)
        {
            var output = Buffer(ref _scratch, size);
            ApplyMatrix(theta, output, siteOrderMatrix, left, physical, right);
            (_theta, _scratch) = (_scratch, _theta);
            theta = output;
        }

        if (count == 2)
        {
            SplitPair(first, theta, left, right, centreLeft);
            return;
        }

        // Peel one site at a time off the left; the remainder is the centre of the next split.
        var rows = 2 * left;
        var columns = (physical / 2) * right;
        var bond = left;
        for (var p = 0; p < count - 1; p++)
        {
            _svd.Factor(theta, rows, columns);
            var (keep, discarded, kept) = _policy.Choose(_svd.Values);
            var scale = discarded > 0.0 ? Math.Sqrt(SumOfSquares(_svd.Values) / kept) : 1.0;
            Stats.RecordSvd(discarded, keep);
            _svd.WriteLeft(_sites[first + p].Reshape(bond, keep), keep, absorbValues: false);
            var rest = Buffer(ref _scratch, keep * columns);
            _svd.WriteRight(rest, keep, absorbValues: true, scale);
            (_theta, _scratch) = (_scratch, _theta);
            theta = rest;
            bond = keep;
            rows = 2 * keep;
            columns /= 2;
        }

        _sites[last].Assign(bond, right, theta);
        Centre = last;
        if (centreLeft)
        {
            MoveCentre(first);
        }
    }

    private void Touch(int low, int high)
    {
        _changedLow = Math.Min(_changedLow, low);
        _changedHigh = Math.Max(_changedHigh, high);
    }

    private static double SumOfSquares(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v * v;
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

    /// <summary>out[l, t, :] = Σ_t' M[t, t'] · in[l, t', :], skipping the zeros of permutation-like gates.</summary>
    private static void ApplyMatrix(ReadOnlySpan<Complex> input, Span<Complex> output, ReadOnlySpan<Complex> matrix, int left, int physical, int right)
    {
        output.Clear();
        for (var l = 0; l < left; l++)
        {
            var block = l * physical * right;
            for (var t = 0; t < physical; t++)
            {
                var destination = output.Slice(block + (t * right), right);
                for (var u = 0; u < physical; u++)
                {
                    var m = matrix[(t * physical) + u];
                    if (m != Complex.Zero)
                    {
                        ComplexBlas.Axpy(m, input.Slice(block + (u * right), right), destination);
                    }
                }
            }
        }
    }

    /// <summary>θ[l, s_first … s_last, r]: the product of the block's site tensors.</summary>
    private Span<Complex> Contract(int first, int count, int size)
    {
        var site = _sites[first];
        var rows = 2 * site.Left;
        var columns = site.Right;
        var theta = Buffer(ref _theta, Math.Max(size, rows * columns));
        site.Values.CopyTo(theta);
        for (var p = 1; p < count; p++)
        {
            var next = _sites[first + p];
            var output = Buffer(ref _scratch, rows * 2 * next.Right);
            ComplexBlas.Multiply(theta[..(rows * columns)], next.Values, output, rows, columns, 2 * next.Right);
            (_theta, _scratch) = (_scratch, _theta);
            theta = output;
            rows *= 2;
            columns = next.Right;
        }

        return theta[..size];
    }

    private void SplitPair(int first, ReadOnlySpan<Complex> theta, int left, int right, bool centreLeft)
    {
        _svd.Factor(theta, 2 * left, 2 * right);
        var (keep, discarded, kept) = _policy.Choose(_svd.Values);
        var scale = discarded > 0.0 ? Math.Sqrt(SumOfSquares(_svd.Values) / kept) : 1.0;
        Stats.RecordSvd(discarded, keep);
        _svd.WriteLeft(_sites[first].Reshape(left, keep), keep, absorbValues: centreLeft, scale);
        _svd.WriteRight(_sites[first + 1].Reshape(keep, right), keep, absorbValues: !centreLeft, scale);
        Centre = centreLeft ? first : first + 1;
    }

    /// <summary>A[c] = Q·R as a (2L)×R matrix; Q stays, R moves into A[c+1].</summary>
    private void StepRight()
    {
        Touch(Centre, Centre + 1);
        var site = _sites[Centre];
        var next = _sites[Centre + 1];
        int rows = 2 * site.Left, columns = site.Right;
        var k = Math.Min(rows, columns);
        var q = Buffer(ref _factorQ, rows * k);
        var r = Buffer(ref _factorR, k * columns);
        _qr.Factor(site.Values, rows, columns, q, r);
        site.Assign(site.Left, k, q);
        var product = Buffer(ref _scratch, k * 2 * next.Right);
        ComplexBlas.Multiply(r, next.Values, product, k, columns, 2 * next.Right);
        next.Assign(k, next.Right, product);
        Stats.RecordBond(k);
        Centre++;
    }

    /// <summary>A[c] = L·Q as an L×(2R) matrix (QR of its adjoint); Q stays, L moves into A[c−1].</summary>
    private void StepLeft()
    {
        Touch(Centre - 1, Centre);
        var site = _sites[Centre];
        var previous = _sites[Centre - 1];
        int rows = site.Left, columns = 2 * site.Right;
        var k = Math.Min(rows, columns);
        var adjoint = Buffer(ref _theta, rows * columns);
        ComplexBlas.ConjugateTranspose(site.Values, adjoint, rows, columns);
        var q = Buffer(ref _factorQ, columns * k);
        var r = Buffer(ref _factorR, k * rows);
        _qr.Factor(adjoint, columns, rows, q, r);

        // A = R^H·Q^H: Q^H (k × 2R) is right-isometric, R^H (rows × k) joins the previous site.
        var rightFactor = Buffer(ref _scratch, k * columns);
        ComplexBlas.ConjugateTranspose(q, rightFactor, columns, k);
        site.Assign(k, site.Right, rightFactor);
        var leftFactor = Buffer(ref _theta, rows * k);
        ComplexBlas.ConjugateTranspose(r, leftFactor, k, rows);
        var product = Buffer(ref _scratch, 2 * previous.Left * k);
        ComplexBlas.Multiply(previous.Values, leftFactor, product, 2 * previous.Left, rows, k);
        previous.Assign(previous.Left, k, product);
        Stats.RecordBond(k);
        Centre--;
    }
}
