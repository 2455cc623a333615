using System.Collections.Immutable;
using System.Numerics;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;

namespace Qml.Backends.Remote;

/// <summary>A 2×2 matrix, row-major, as <see cref="GateMatrices"/> writes one-qubit gates.</summary>
internal readonly record struct Matrix2(Complex A, Complex B, Complex C, Complex D)
{
    public static Matrix2 Identity { get; } = new(1, 0, 0, 1);

    /// <summary>The matrix of a one-qubit gate whose angles are all numbers.</summary>
    public static Matrix2 Of(Operation op)
    {
        Span<double> angles = stackalloc double[op.Angles.Length];
        op.EvaluateAngles([], angles);
        Span<Complex> m = stackalloc Complex[4];
        GateMatrices.Fill(op.Kind, angles, m);
        return new(m[0], m[1], m[2], m[3]);
    }

    /// <summary><c>this · other</c>: <paramref name="other"/> acts first.</summary>
    public Matrix2 Times(Matrix2 other) => new(
        (A * other.A) + (B * other.C),
        (A * other.B) + (B * other.D),
        (C * other.A) + (D * other.C),
        (C * other.B) + (D * other.D));

    /// <summary>The phase α with <c>this ≈ e^{iα}·other</c>, if the two agree to <paramref name="tolerance"/> entry by entry.</summary>
    public double? PhaseOver(Matrix2 other, double tolerance)
    {
        var overlap = (Complex.Conjugate(other.A) * A) + (Complex.Conjugate(other.B) * B) + (Complex.Conjugate(other.C) * C) + (Complex.Conjugate(other.D) * D);
        if (overlap.Magnitude < 1e-6)
        {
            return null;
        }

        var alpha = overlap.Phase;
        var turn = Complex.FromPolarCoordinates(1, alpha);
        var deviation = Math.Max(
            Math.Max((A - (turn * other.A)).Magnitude, (B - (turn * other.B)).Magnitude),
            Math.Max((C - (turn * other.C)).Magnitude, (D - (turn * other.D)).Magnitude));
        return deviation <= tolerance ? alpha : null;
    }
}

/// <summary>
/// Writes any one-qubit unitary with the fewest native gates (Qiskit's
/// Optimize1qGatesDecomposition idea): with <c>u</c> native one U(θ, φ, λ), or one diagonal gate,
/// or nothing; with <c>rz</c>, <c>sx</c> the ZSXZSXZ form RZ(φ+π)·SX·RZ(θ+π)·SX·RZ(λ), shortened
/// to RZ·SX·RZ when θ = π/2, to RZ·X when the matrix is anti-diagonal and <c>x</c> is native, to
/// one RZ when it is diagonal and to nothing when it is the identity, with RZ(0) dropped. Every
/// candidate is multiplied out and compared with the target, and the global phase between them
/// is returned, so the result is exact including the phase.
/// </summary>
internal sealed class OneQubitSynthesis
{
    /// <summary>How far a shortcut may be from the target, entry by entry (rounding of a few 2×2 products).</summary>
    public const double Tolerance = 1e-12;

    private readonly ImmutableHashSet<OperationKind> _native;

    public OneQubitSynthesis(ImmutableHashSet<OperationKind> native)
    {
        _native = native;
        UsesU = native.Contains(OperationKind.U);
    }

    /// <summary>Whether U(θ, φ, λ) is the basis (else RZ and SX).</summary>
    public bool UsesU { get; }

    /// <summary>Gates in circuit order and the global phase α with <c>target = e^{iα}·(their product)</c>; null if no form matched (never expected).</summary>
    public (List<Operation> Gates, double Phase)? Synthesize(Matrix2 target, int qubit)
    {
        var (theta, phi, lambda, _) = GateMatrices.ZyzAngles([target.A, target.B, target.C, target.D]);
        foreach (var candidate in Candidates(theta, phi, lambda, qubit))
        {
            var product = Matrix2.Identity;
            foreach (var op in candidate)
            {
                product = Matrix2.Of(op).Times(product);
            }

            if (target.PhaseOver(product, Tolerance) is { } phase)
            {
                return (candidate, phase);
            }
        }

        return null;
    }

    /// <summary>A diagonal gate RZ(angle) up to phase, in the basis: rz, else p, else U(0, 0, angle).</summary>
    public Operation Diagonal(int qubit, Angle angle) =>
        _native.Contains(OperationKind.RZ) ? Operation.Gate(OperationKind.RZ, [qubit], angle)
        : _native.Contains(OperationKind.P) ? Operation.Gate(OperationKind.P, [qubit], angle)
        : Operation.Gate(OperationKind.U, [qubit], 0.0, 0.0, angle);

    /// <summary>Shortest first.</summary>
    private IEnumerable<List<Operation>> Candidates(double theta, double phi, double lambda, int qubit)
    {
        yield return [];
        yield return [Diagonal(qubit, Wrap(phi + lambda))];
        if (UsesU)
        {
            yield return [Operation.Gate(OperationKind.U, [qubit], theta, Wrap(phi), Wrap(lambda))];
            yield break;
        }

        // U(π, φ, λ) = e^{iφ}·X·P(λ − φ + π).
        if (_native.Contains(OperationKind.X))
        {
            yield return Trim([Rz(qubit, lambda - phi + Math.PI), Operation.Gate(OperationKind.X, [qubit])]);
        }

        // U(π/2, φ, λ) ∝ RZ(φ + π/2)·SX·RZ(λ − π/2).
        yield return Trim([Rz(qubit, lambda - (Math.PI / 2)), Sx(qubit), Rz(qubit, phi + (Math.PI / 2))]);
        yield return Trim([Rz(qubit, lambda), Sx(qubit), Rz(qubit, theta + Math.PI), Sx(qubit), Rz(qubit, phi + Math.PI)]);
    }

    private static Operation Sx(int qubit) => Operation.Gate(OperationKind.SX, [qubit]);

    private static Operation Rz(int qubit, double angle) => Operation.Gate(OperationKind.RZ, [qubit], Wrap(angle));

    /// <summary>RZ(0) is the identity: drop it (RZ(2π) = −I was already wrapped to 0; the phase is measured afterwards).</summary>
    private static List<Operation> Trim(List<Operation> gates) =>
        [.. gates.Where(g => g.Kind != OperationKind.RZ || Math.Abs(g.Angles[0].Constant) > 1e-14)];

    /// <summary>An angle in (−π, π].</summary>
    public static double Wrap(double angle)
    {
        var wrapped = Math.IEEERemainder(angle, 2 * Math.PI);
        return wrapped <= -Math.PI ? wrapped + (2 * Math.PI) : wrapped;
    }
}
