using System.Numerics;
using Qml.Abstractions.Gates;

namespace Qml.Abstractions.Decomposition;

/// <summary>One gate of a two-qubit circuit: a one-qubit unitary on <see cref="Qubit"/>, or (no matrix) CX from <see cref="Qubit"/> to <see cref="Target"/>.</summary>
internal readonly record struct TwoQubitGate(int Qubit, int Target, Complex[]? Matrix)
{
    public bool IsCx => Matrix is null;
}

/// <summary>
/// A two-qubit circuit of one-qubit unitaries and at most three CX on operands 0 and 1 (bits 0 and 1
/// of the matrix): input = e^{i·GlobalPhase}·circuit, to within <see cref="Deviation"/> (max entry).
/// </summary>
internal sealed record TwoQubitCircuit(IReadOnlyList<TwoQubitGate> Gates, double GlobalPhase, double Deviation)
{
    public int CxCount => Gates.Count(g => g.IsCx);
}

/// <summary>
/// KAK (Cartan) decomposition of a two-qubit unitary, U = e^{iφ}·(A1⊗A0)·exp(i(a·XX + b·YY + c·ZZ))·(B1⊗B0),
/// and its synthesis with the fewest CX the coordinates allow: 0 for local products, 1 for
/// CX-equivalents (one coordinate π/4, the others 0), 2 when a coordinate is 0, else 3
/// (Vatan–Williams). The global phase is exact: it is read off the synthesised circuit at the end.
/// </summary>
/// <remarks>
/// In the magic basis M, SU(2)⊗SU(2) becomes SO(4) and XX, YY, ZZ become diagonal. For
/// U' = M†·U·M ∈ SU(4), the symmetric unitary U'ᵀU' has commuting real and imaginary parts, which
/// one real orthogonal P diagonalises (a random real mix of the two, Jacobi, with a retry when the
/// check fails), U'ᵀU' = P·D²·Pᵀ; then U' = O1·D·Pᵀ with O1 = U'·P·D⁻¹ real orthogonal once
/// det P = det O1 = 1 (a sign of one eigenvalue's square root fixes the latter).
/// </remarks>
internal static class TwoQubitDecomposition
{
    /// <summary>A coordinate this close to 0 or π/4 counts as exactly that (error at most this).</summary>
    public const double CoordinateTolerance = 1e-12;

    private const int Attempts = 12;
    private static readonly double Sqrt1_2 = Math.Sqrt(0.5);
    private static readonly Complex I = Complex.ImaginaryOne;

    /// <summary>Columns: (|00⟩+|11⟩)/√2, i(|00⟩−|11⟩)/√2, i(|01⟩+|10⟩)/√2, (|01⟩−|10⟩)/√2.</summary>
    private static readonly Complex[] Magic =
    [
        Sqrt1_2, I * Sqrt1_2, 0, 0,
        0, 0, I * Sqrt1_2, Sqrt1_2,
        0, 0, I * Sqrt1_2, -Sqrt1_2,
        Sqrt1_2, -I * Sqrt1_2, 0, 0,
    ];

    private static readonly Complex[] MagicAdjoint = ComplexMatrix.Adjoint(Magic, 4);
    private static readonly Complex[] PauliX = GateMatrices.Create(OperationKind.X);
    private static readonly Complex[] PauliY = GateMatrices.Create(OperationKind.Y);
    private static readonly Complex[] PauliZ = GateMatrices.Create(OperationKind.Z);
    private static readonly Complex[] Identity2 = ComplexMatrix.Identity(2);
    private static readonly Complex[] YY = ComplexMatrix.Kron(PauliY, PauliY);

    /// <summary>Eigenvalues (±1) of XX, YY, ZZ on the magic basis vectors.</summary>
    private static readonly double[][] MagicSigns = [MagicDiagonal(PauliX), MagicDiagonal(PauliY), MagicDiagonal(PauliZ)];

    /// <summary>Decomposes a 4×4 unitary (row-major, little-endian: bit 0 is operand 0).</summary>
    public static TwoQubitCircuit Decompose(ReadOnlySpan<Complex> u)
    {
        var (after, coordinates, before) = Kak(u);
        var builder = new Builder();
        builder.Local(1, before.High);
        builder.Local(0, before.Low);
        Canonical(builder, coordinates);
        builder.Local(1, after.High);
        builder.Local(0, after.Low);
        return builder.Finish(u);
    }

    /// <summary>
    /// Diagonal entries of D = diag(1, 1, e^{−iψ}, e^{iψ}) ∈ SU(4) with D·U realisable by two CX.
    /// Two CX suffice exactly when tr γ is real, γ(V) = V·(Y⊗Y)·Vᵀ·(Y⊗Y) for V ∈ SU(4) (Shende,
    /// Markov, Bullock 2004). With G = U·(Y⊗Y)·Uᵀ, tr γ(D·U) = 2·(e^{−iψ}·G₁₂ − e^{iψ}·G₀₃), whose
    /// imaginary part vanishes at ψ = atan2(Im G₁₂ − Im G₀₃, Re G₀₃ + Re G₁₂).
    /// </summary>
    public static Complex[] DiagonalForTwoCx(ReadOnlySpan<Complex> u)
    {
        var determinant = ComplexMatrix.Determinant(u, 4);
        var unphase = Complex.FromPolarCoordinates(1, -determinant.Phase / 4);
        var special = new Complex[16];
        for (var i = 0; i < 16; i++)
        {
            special[i] = u[i] * unphase;
        }

        var g = ComplexMatrix.Multiply(special, YY, ComplexMatrix.Transpose(special, 4), 4);
        Complex g03 = g[3], g12 = g[6];
        var psi = Math.Atan2(g12.Imaginary - g03.Imaginary, g03.Real + g12.Real);
        return [1, 1, Complex.FromPolarCoordinates(1, -psi), Complex.FromPolarCoordinates(1, psi)];
    }

    /// <summary>
    /// U ∝ (after.High ⊗ after.Low)·exp(i(a·XX + b·YY + c·ZZ))·(before.High ⊗ before.Low), with each
    /// coordinate folded into (−π/4, π/4] by local Pauli factors moved into <c>after</c>.
    /// </summary>
    public static (Local After, double[] Coordinates, Local Before) Kak(ReadOnlySpan<Complex> u)
    {
        var determinant = ComplexMatrix.Determinant(u, 4);
        var special = new Complex[16];
        var unphase = Complex.FromPolarCoordinates(1, -determinant.Phase / 4);
        for (var i = 0; i < 16; i++)
        {
            special[i] = u[i] * unphase;
        }

        var up = ComplexMatrix.Multiply(MagicAdjoint, special, Magic, 4);
        var symmetric = ComplexMatrix.Multiply(ComplexMatrix.Transpose(up, 4), up, 4);
        var (p, squares) = DiagonaliseSymmetricUnitary(symmetric);

        var half = squares.Select(s => s.Phase / 2).ToArray();
        if (Math.Cos(half.Sum()) < 0)
        {
            // det D must be +1 for O1 to be a rotation (det U' = det P = 1).
            half[0] += Math.PI;
        }

        var dInverse = new Complex[16];
        for (var k = 0; k < 4; k++)
        {
            dInverse[(k * 4) + k] = Complex.FromPolarCoordinates(1, -half[k]);
        }

        var o1 = ComplexMatrix.Multiply(up, p, dInverse, 4).Select(e => new Complex(e.Real, 0)).ToArray();
        var after = Local.Factor(ComplexMatrix.Multiply(Magic, o1, MagicAdjoint, 4));
        var before = Local.Factor(ComplexMatrix.Multiply(Magic, ComplexMatrix.Transpose(p, 4), MagicAdjoint, 4));

        // half[k] = φ + Σ_P coordinate_P·sign_P[k]; the sign vectors and (1,1,1,1) are orthogonal.
        var coordinates = new double[3];
        for (var axis = 0; axis < 3; axis++)
        {
            for (var k = 0; k < 4; k++)
            {
                coordinates[axis] += MagicSigns[axis][k] * half[k] / 4;
            }
        }

        Complex[][] paulis = [PauliX, PauliY, PauliZ];
        for (var axis = 0; axis < 3; axis++)
        {
            // exp(i(x + kπ/2)·PP) = exp(ix·PP)·(i·PP)^k, and PP commutes with the canonical gate.
            var turns = (int)Math.Round(coordinates[axis] / (Math.PI / 2));
            coordinates[axis] -= turns * Math.PI / 2;
            if (coordinates[axis] < -(Math.PI / 4) + CoordinateTolerance)
            {
                coordinates[axis] += Math.PI / 2;
                turns--;
            }

            if ((turns & 1) != 0)
            {
                after = new Local(ComplexMatrix.Multiply(after.High, paulis[axis], 2), ComplexMatrix.Multiply(after.Low, paulis[axis], 2));
            }
        }

        return (after, coordinates, before);
    }

    /// <summary>Appends exp(i(a·XX + b·YY + c·ZZ)) up to a global phase with the fewest CX.</summary>
    private static void Canonical(Builder builder, double[] coordinates)
    {
        var zero = coordinates.Select(x => Math.Abs(x) <= CoordinateTolerance).ToArray();
        var quarter = coordinates.Select(x => Math.Abs(x - (Math.PI / 4)) <= CoordinateTolerance).ToArray();
        var zeros = zero.Count(z => z);
        if (zeros == 3)
        {
            return;
        }

        if (zeros == 2 && quarter.Count(q => q) == 1)
        {
            // exp(iπ/4·PP) = (W⊗W)·exp(iπ/4·XX)·(W⊗W)† with W = S for Y and H for Z.
            var axis = Array.IndexOf(quarter, true);
            var w = axis switch
            {
                0 => Identity2,
                1 => GateMatrices.Create(OperationKind.S),
                _ => GateMatrices.Create(OperationKind.H),
            };
            Conjugated(builder, w, () => QuarterXx(builder));
            return;
        }

        if (zeros >= 1)
        {
            // Two CX realise exp(i(x·XX + z·ZZ)); the zero axis decides the local frame.
            var axis = Array.IndexOf(zero, true);
            var (w, x, z) = axis switch
            {
                // exp(i(b·YY + c·ZZ)): S maps X to Y and keeps Z.
                0 => (GateMatrices.Create(OperationKind.S), coordinates[1], coordinates[2]),
                1 => (Identity2, coordinates[0], coordinates[2]),

                // exp(i(a·XX + b·YY)): RX(π/2) maps Z to −Y (the sign cancels in YY) and keeps X.
                _ => (GateMatrices.Create(OperationKind.RX, Math.PI / 2), coordinates[0], coordinates[1]),
            };
            Conjugated(builder, w, () => XxZz(builder, x, z));
            return;
        }

        // Vatan–Williams: three CX for exp(i(a·XX + b·YY + c·ZZ)) up to a global phase.
        double a = coordinates[0], b = coordinates[1], c = coordinates[2];
        builder.Local(0, GateMatrices.Create(OperationKind.RZ, -Math.PI / 2));
        builder.Cx(0, 1);
        builder.Local(1, GateMatrices.Create(OperationKind.RZ, (Math.PI / 2) - (2 * c)));
        builder.Local(0, GateMatrices.Create(OperationKind.RY, (2 * a) - (Math.PI / 2)));
        builder.Cx(1, 0);
        builder.Local(0, GateMatrices.Create(OperationKind.RY, (Math.PI / 2) - (2 * b)));
        builder.Cx(0, 1);
        builder.Local(1, GateMatrices.Create(OperationKind.RZ, Math.PI / 2));
    }

    /// <summary>(W⊗W)·core·(W⊗W)†.</summary>
    private static void Conjugated(Builder builder, Complex[] w, Action core)
    {
        var wAdjoint = ComplexMatrix.Adjoint(w, 2);
        builder.Local(0, wAdjoint);
        builder.Local(1, wAdjoint);
        core();
        builder.Local(0, w);
        builder.Local(1, w);
    }

    /// <summary>
    /// exp(iπ/4·XX) ∝ H₀·(exp(iπ/4·Z₀)·exp(iπ/4·X₁))·CX₀₁·H₀, from CX ∝ exp(−iπ/4·Z₀)·exp(−iπ/4·X₁)·exp(iπ/4·Z₀X₁).
    /// </summary>
    private static void QuarterXx(Builder builder)
    {
        var h = GateMatrices.Create(OperationKind.H);
        builder.Local(0, h);
        builder.Cx(0, 1);
        builder.Local(0, GateMatrices.Create(OperationKind.RZ, -Math.PI / 2));
        builder.Local(1, GateMatrices.Create(OperationKind.RX, -Math.PI / 2));
        builder.Local(0, h);
    }

    /// <summary>CX₀₁·(RX(−2x)₀·RZ(−2z)₁)·CX₀₁ = exp(ix·XX)·exp(iz·ZZ): CX maps X₀ to X₀X₁ and Z₁ to Z₀Z₁.</summary>
    private static void XxZz(Builder builder, double x, double z)
    {
        builder.Cx(0, 1);
        builder.Local(0, GateMatrices.Create(OperationKind.RX, -2 * x));
        builder.Local(1, GateMatrices.Create(OperationKind.RZ, -2 * z));
        builder.Cx(0, 1);
    }

    private static (Complex[] P, Complex[] Squares) DiagonaliseSymmetricUnitary(Complex[] symmetric)
    {
        var random = new Random(20040301);
        (Complex[] P, Complex[] Squares, double Residual) best = (ComplexMatrix.Identity(4), new Complex[4], double.PositiveInfinity);
        for (var attempt = 0; attempt < Attempts && best.Residual > 1e-13; attempt++)
        {
            var (sin, cos) = Math.SinCos(random.NextDouble() * Math.PI);
            var mix = symmetric.Select(e => new Complex((cos * e.Real) + (sin * e.Imaginary), 0)).ToArray();
            var (_, vectors) = HermitianEigen.Decompose(mix, 4);

            // Re-orthogonalised so that P is a rotation to working precision, not just to the sweeps' tolerance.
            var (p, _) = JacobiSvd.OrthonormalColumns(vectors.Select(e => new Complex(e.Real, 0)).ToArray(), 4);
            if (ComplexMatrix.Determinant(p, 4).Real < 0)
            {
                for (var i = 0; i < 4; i++)
                {
                    p[i * 4] = -p[i * 4];
                }
            }

            var diagonal = ComplexMatrix.Multiply(ComplexMatrix.Transpose(p, 4), symmetric, p, 4);
            var residual = ComplexMatrix.MaxOffDiagonal(diagonal, 4);
            if (residual < best.Residual)
            {
                best = (p, [diagonal[0], diagonal[5], diagonal[10], diagonal[15]], residual);
            }
        }

        return (best.P, best.Squares);
    }

    private static double[] MagicDiagonal(Complex[] pauli)
    {
        var inMagic = ComplexMatrix.Multiply(MagicAdjoint, ComplexMatrix.Kron(pauli, pauli), Magic, 4);
        return [inMagic[0].Real, inMagic[5].Real, inMagic[10].Real, inMagic[15].Real];
    }

    /// <summary>A local product High ⊗ Low (High on bit 1, Low on bit 0).</summary>
    internal readonly record struct Local(Complex[] High, Complex[] Low)
    {
        /// <summary>Splits K = High ⊗ Low using the 2×2 block of largest norm, which is High[i,j]·Low.</summary>
        public static Local Factor(Complex[] k)
        {
            var best = (Row: 0, Column: 0, Norm: -1.0);
            for (var r = 0; r < 2; r++)
            {
                for (var c = 0; c < 2; c++)
                {
                    var norm = 0.0;
                    for (var e = 0; e < 4; e++)
                    {
                        norm += k[Index(r, c, e)].Magnitude * k[Index(r, c, e)].Magnitude;
                    }

                    if (norm > best.Norm)
                    {
                        best = (r, c, norm);
                    }
                }
            }

            var scale = Math.Sqrt(best.Norm / 2);
            var low = new Complex[4];
            for (var e = 0; e < 4; e++)
            {
                low[e] = k[Index(best.Row, best.Column, e)] / scale;
            }

            var high = new Complex[4];
            for (var r = 0; r < 2; r++)
            {
                for (var c = 0; c < 2; c++)
                {
                    Complex sum = 0;
                    for (var e = 0; e < 4; e++)
                    {
                        sum += Complex.Conjugate(low[e]) * k[Index(r, c, e)];
                    }

                    high[(r * 2) + c] = sum / 2;
                }
            }

            return new Local(high, low);
        }

        /// <summary>Entry e (row-major 2×2) of the block (r, c) of a 4×4 little-endian matrix.</summary>
        private static int Index(int r, int c, int e) => ((2 * r) + (e >> 1)) * 4 + (2 * c) + (e & 1);
    }

    /// <summary>Collects gates, merging consecutive one-qubit unitaries on the same operand.</summary>
    private sealed class Builder
    {
        private readonly List<TwoQubitGate> gates = [];
        private readonly Complex[][] pending = [ComplexMatrix.Identity(2), ComplexMatrix.Identity(2)];

        /// <summary>Applies <paramref name="m"/> to operand <paramref name="qubit"/> after what is pending.</summary>
        public void Local(int qubit, Complex[] m) => pending[qubit] = ComplexMatrix.Multiply(m, pending[qubit], 2);

        public void Cx(int control, int target)
        {
            Flush(0);
            Flush(1);
            gates.Add(new TwoQubitGate(control, target, null));
        }

        /// <summary>Ends the circuit and reads the global phase off it: input = e^{iφ}·circuit.</summary>
        public TwoQubitCircuit Finish(ReadOnlySpan<Complex> u)
        {
            Flush(0);
            Flush(1);
            var product = ComplexMatrix.Identity(4);
            foreach (var gate in gates)
            {
                product = ComplexMatrix.Multiply(Embed(gate), product, 4);
            }

            var phase = ComplexMatrix.PhaseBetween(product, u);
            var rotation = Complex.FromPolarCoordinates(1, phase);
            var deviation = ComplexMatrix.MaxDifference(product.Select(e => e * rotation).ToArray(), u);
            return new TwoQubitCircuit(gates, phase, deviation);
        }

        private static Complex[] Embed(TwoQubitGate gate)
        {
            if (gate.Matrix is { } m)
            {
                return gate.Qubit == 0 ? ComplexMatrix.Kron(Identity2, m) : ComplexMatrix.Kron(m, Identity2);
            }

            // CX flips the target bit where the control bit is set.
            var result = new Complex[16];
            for (var column = 0; column < 4; column++)
            {
                var row = ((column >> gate.Qubit) & 1) == 1 ? column ^ (1 << gate.Target) : column;
                result[(row * 4) + column] = 1;
            }

            return result;
        }

        private void Flush(int qubit)
        {
            var m = pending[qubit];
            var scalar = m[1].Magnitude + m[2].Magnitude + (m[0] - m[3]).Magnitude <= 1e-15;
            if (!scalar)
            {
                gates.Add(new TwoQubitGate(qubit, qubit, m));
            }

            pending[qubit] = ComplexMatrix.Identity(2);
        }
    }
}
