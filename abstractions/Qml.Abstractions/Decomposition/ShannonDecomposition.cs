using System.Numerics;

namespace Qml.Abstractions.Decomposition;

/// <summary>
/// One step of the quantum Shannon decomposition (Shende, Bullock, Markov 2006) of a k-qubit
/// unitary, k ≥ 2, splitting off its highest qubit (bit k−1):
/// U = (I⊗V_L)·RZmux_L·(I⊗W_L) · RYmux · (I⊗V_R)·RZmux_R·(I⊗W_R), where V, W act on the
/// k−1 lower qubits and each multiplexor rotates the top qubit by an angle chosen by the state of
/// the lower qubits. The step is exact, global phase included; no global phase is produced.
/// </summary>
/// <remarks>
/// A cosine–sine decomposition gives U = (L0 ⊕ L1)·[[C, −S], [S, C]]·(R0 ⊕ R1); the middle is
/// the RY multiplexor, and each block-diagonal A0 ⊕ A1 is demultiplexed as
/// (I⊗V)·(D ⊕ D†)·(I⊗W) with A0·A1† = V·D²·V† and W = D·V†·A1, where D ⊕ D† is an RZ multiplexor.
/// The RY multiplexor runs on CZ instead of CX (Z also flips RY's angle), and its last CZ, being
/// block-diagonal in the top qubit, is absorbed into L1 before demultiplexing (Shende–Bullock–Markov's
/// first optimisation). Recursing on the four (k−1)-qubit unitaries down to two qubits (≤ 3 CX by
/// KAK) with 2^(k−1) CX per RZ multiplexor and 2^(k−1) − 1 for the RY one costs
/// 4·C(k−1) + 3·2^(k−1) − 1 CX, C(2) = 3: 23, 115, 507 for 3, 4, 5 qubits. When the recursion goes
/// all the way down, the decomposer also moves a diagonal out of every two-qubit block but the
/// last into the next one (2 CX instead of 3, the second optimisation), which gives
/// (23/48)·4^k − (3/2)·2^k + 4/3: 20, 100, 444 CX for 3, 4, 5 qubits (<see cref="CxCount"/>).
/// </remarks>
internal sealed record ShannonDecomposition(
    Complex[] RightW,
    double[] RightRz,
    Complex[] RightV,
    double[] Ry,
    Complex[] LeftW,
    double[] LeftRz,
    Complex[] LeftV,
    double Deviation)
{
    /// <summary>Retries of the simultaneous diagonalisation before giving up.</summary>
    private const int Attempts = 12;

    /// <summary>CX count of the full recursion for a generic unitary on <paramref name="qubits"/> ≥ 2: (23/48)·4^k − (3/2)·2^k + 4/3.</summary>
    public static long CxCount(int qubits) => qubits < 2 ? 0 : ((23L << (2 * qubits)) - (72L << qubits) + 64) / 48;

    /// <summary>Splits <paramref name="u"/> (row-major, dimension <paramref name="n"/> = 2^k, k ≥ 2).</summary>
    public static ShannonDecomposition Of(ReadOnlySpan<Complex> u, int n)
    {
        var m = n / 2;
        var cs = CosineSineDecomposition.Of(u, n);
        var (rightV, rightRz, rightW, rightDeviation) = Demultiplex(cs.R0, cs.R1, m);

        // The RY multiplexor's last CZ joins the highest lower qubit (bit m/2) to the top qubit:
        // (L0 ⊕ L1)·CZ = L0 ⊕ L1·Z, so L1's columns with that bit set change sign.
        var l1 = cs.L1.ToArray();
        for (var i = 0; i < m; i++)
        {
            for (var j = m / 2; j < m; j++)
            {
                l1[(i * m) + j] = -l1[(i * m) + j];
            }
        }

        var (leftV, leftRz, leftW, leftDeviation) = Demultiplex(cs.L0, l1, m);
        var ry = cs.Theta.Select(t => 2 * t).ToArray();
        var deviation = Math.Max(cs.Deviation(u), Math.Max(rightDeviation, leftDeviation));
        return new ShannonDecomposition(rightW, rightRz, rightV, ry, leftW, leftRz, leftV, deviation);
    }

    /// <summary>
    /// Angles φ of the Gray-code circuit RZ/RY(φ_0)·CX·RZ/RY(φ_1)·CX… (2^c rotations, 2^c CX) that
    /// applies θ_j to the target when the c controls are in state j (bit i of j: control i).
    /// </summary>
    public static double[] GrayCodeAngles(ReadOnlySpan<double> theta)
    {
        var count = theta.Length;
        var phi = new double[count];
        for (var l = 0; l < count; l++)
        {
            var gray = Gray(l);
            var sum = 0.0;
            for (var j = 0; j < count; j++)
            {
                sum += (BitOperations.PopCount((uint)(j & gray)) & 1) == 0 ? theta[j] : -theta[j];
            }

            phi[l] = sum / count;
        }

        return phi;
    }

    /// <summary>The control (bit index) of the CX after rotation <paramref name="l"/> of <paramref name="count"/>: the bit where consecutive Gray codes differ.</summary>
    public static int GrayCodeControl(int l, int count) =>
        BitOperations.TrailingZeroCount(Gray(l) ^ Gray((l + 1) % count));

    private static int Gray(int l) => l ^ (l >> 1);

    /// <summary>A0 ⊕ A1 = (I⊗V)·(D ⊕ D†)·(I⊗W); returns V, the RZ angles of D ⊕ D† and W.</summary>
    private static (Complex[] V, double[] Rz, Complex[] W, double Deviation) Demultiplex(Complex[] a0, Complex[] a1, int m)
    {
        var a1Adjoint = ComplexMatrix.Adjoint(a1, m);
        var x = ComplexMatrix.Multiply(a0, a1Adjoint, m);
        var (v, eigenvalues) = UnitaryEigen(x, m);
        var half = eigenvalues.Select(l => l.Phase / 2).ToArray();
        var d = new Complex[m * m];
        var dAdjoint = new Complex[m * m];
        for (var i = 0; i < m; i++)
        {
            d[(i * m) + i] = Complex.FromPolarCoordinates(1, half[i]);
            dAdjoint[(i * m) + i] = Complex.FromPolarCoordinates(1, -half[i]);
        }

        var w = ComplexMatrix.Multiply(d, ComplexMatrix.Adjoint(v, m), a1, m);

        // diag(e^{iψ}, e^{−iψ}) on the top qubit is RZ(−2ψ).
        var rz = half.Select(h => -2 * h).ToArray();
        var deviation = Math.Max(
            ComplexMatrix.MaxDifference(a0, ComplexMatrix.Multiply(v, d, w, m)),
            ComplexMatrix.MaxDifference(a1, ComplexMatrix.Multiply(v, dAdjoint, w, m)));
        return (v, rz, w, deviation);
    }

    /// <summary>
    /// X = V·diag(λ)·V† for a unitary X: the Hermitian and anti-Hermitian parts commute, so a
    /// random real mix of them has X's eigenvectors; within a repeated eigenvalue any basis works.
    /// The seed is fixed so a circuit always decomposes the same way.
    /// </summary>
    private static (Complex[] V, Complex[] Eigenvalues) UnitaryEigen(Complex[] x, int m)
    {
        var random = new Random(20060901);
        var xAdjoint = ComplexMatrix.Adjoint(x, m);
        (Complex[] V, Complex[] Eigenvalues, double Residual) best = (ComplexMatrix.Identity(m), new Complex[m], double.PositiveInfinity);
        for (var attempt = 0; attempt < Attempts && best.Residual > 1e-13; attempt++)
        {
            var (sin, cos) = Math.SinCos(random.NextDouble() * Math.PI);
            var mix = new Complex[m * m];
            for (var i = 0; i < mix.Length; i++)
            {
                var hermitian = (x[i] + xAdjoint[i]) / 2;
                var antiHermitian = (x[i] - xAdjoint[i]) / new Complex(0, 2);
                mix[i] = (cos * hermitian) + (sin * antiHermitian);
            }

            var (_, v) = HermitianEigen.Decompose(mix, m);
            var diagonal = ComplexMatrix.Multiply(ComplexMatrix.Adjoint(v, m), x, v, m);
            var residual = ComplexMatrix.MaxOffDiagonal(diagonal, m);
            if (residual < best.Residual)
            {
                best = (v, Enumerable.Range(0, m).Select(i => diagonal[(i * m) + i]).ToArray(), residual);
            }
        }

        return (best.V, best.Eigenvalues);
    }
}
