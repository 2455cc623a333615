using System.Numerics;

namespace Qml.Abstractions.Gates;

/// <summary>
/// The matrices of the named gates and their derivatives with respect to each angle, in the
/// little-endian qubit order of <see cref="OperationKind"/> (row-major, dimension 2^qubits).
/// Every statevector backend and every reference in the tests takes its numbers from here.
/// </summary>
public static class GateMatrices
{
    private static readonly Complex I = Complex.ImaginaryOne;

    /// <summary>Matrix dimension of a named gate.</summary>
    public static int Dimension(OperationKind kind)
    {
        var definition = GateDefinition.Of(kind);
        if (!definition.IsUnitary || definition.QubitCount == 0)
        {
            throw new ArgumentException($"'{definition.Name}' has no fixed matrix.", nameof(kind));
        }

        return 1 << definition.QubitCount;
    }

    /// <summary>Allocates and fills the matrix of a named gate.</summary>
    public static Complex[] Create(OperationKind kind, params ReadOnlySpan<double> angles)
    {
        var dimension = Dimension(kind);
        var matrix = new Complex[dimension * dimension];
        Fill(kind, angles, matrix);
        return matrix;
    }

    /// <summary>Writes the matrix of a named gate into <paramref name="matrix"/> (dimension² entries).</summary>
    public static void Fill(OperationKind kind, ReadOnlySpan<double> angles, Span<Complex> matrix)
    {
        var dimension = Dimension(kind);
        CheckArguments(kind, angles, matrix, dimension);
        matrix[..(dimension * dimension)].Clear();
        switch (kind)
        {
            case OperationKind.I: Set2(matrix, 1, 0, 0, 1); break;
            case OperationKind.X: Set2(matrix, 0, 1, 1, 0); break;
            case OperationKind.Y: Set2(matrix, 0, -I, I, 0); break;
            case OperationKind.Z: Set2(matrix, 1, 0, 0, -1); break;
            case OperationKind.H:
                {
                    var r = 1.0 / Math.Sqrt(2.0);
                    Set2(matrix, r, r, r, -r);
                    break;
                }

            case OperationKind.S: Set2(matrix, 1, 0, 0, I); break;
            case OperationKind.Sdg: Set2(matrix, 1, 0, 0, -I); break;
            case OperationKind.T: Set2(matrix, 1, 0, 0, Complex.FromPolarCoordinates(1, Math.PI / 4)); break;
            case OperationKind.Tdg: Set2(matrix, 1, 0, 0, Complex.FromPolarCoordinates(1, -Math.PI / 4)); break;
            case OperationKind.SX: Set2(matrix, new(0.5, 0.5), new(0.5, -0.5), new(0.5, -0.5), new(0.5, 0.5)); break;
            case OperationKind.SXdg: Set2(matrix, new(0.5, -0.5), new(0.5, 0.5), new(0.5, 0.5), new(0.5, -0.5)); break;
            case OperationKind.RX:
            case OperationKind.RY:
            case OperationKind.RZ:
            case OperationKind.P:
            case OperationKind.U:
                FillSingle(kind, angles, matrix);
                break;
            case OperationKind.CX:
            case OperationKind.CY:
            case OperationKind.CZ:
            case OperationKind.CH:
            case OperationKind.CRX:
            case OperationKind.CRY:
            case OperationKind.CRZ:
            case OperationKind.CP:
                {
                    Span<Complex> target = stackalloc Complex[4];
                    FillSingle(TargetOf(kind), angles, target);
                    EmbedControlled(target, matrix);
                    break;
                }

            case OperationKind.Swap:
                matrix[0] = matrix[(1 * 4) + 2] = matrix[(2 * 4) + 1] = matrix[15] = 1;
                break;
            case OperationKind.ISwap:
                matrix[0] = matrix[15] = 1;
                matrix[(1 * 4) + 2] = matrix[(2 * 4) + 1] = I;
                break;
            case OperationKind.RXX:
            case OperationKind.RYY:
            case OperationKind.RZZ:
                FillIsing(kind, angles[0], matrix);
                break;
            case OperationKind.CCX:
                for (var i = 0; i < 8; i++)
                {
                    matrix[(i * 8) + i] = 1;
                }

                matrix[(3 * 8) + 3] = matrix[(7 * 8) + 7] = 0;
                matrix[(3 * 8) + 7] = matrix[(7 * 8) + 3] = 1;
                break;
            case OperationKind.CSwap:
                for (var i = 0; i < 8; i++)
                {
                    matrix[(i * 8) + i] = 1;
                }

                matrix[(3 * 8) + 3] = matrix[(5 * 8) + 5] = 0;
                matrix[(3 * 8) + 5] = matrix[(5 * 8) + 3] = 1;
                break;
            default:
                throw new ArgumentException($"'{GateDefinition.Of(kind).Name}' has no fixed matrix.", nameof(kind));
        }
    }

    /// <summary>
    /// Writes ∂M/∂angle[<paramref name="angleIndex"/>] of a parameterised gate into
    /// <paramref name="derivative"/>: the exact derivative used by adjoint differentiation.
    /// </summary>
    public static void FillDerivative(OperationKind kind, ReadOnlySpan<double> angles, int angleIndex, Span<Complex> derivative)
    {
        var definition = GateDefinition.Of(kind);
        var dimension = Dimension(kind);
        CheckArguments(kind, angles, derivative, dimension);
        if ((uint)angleIndex >= (uint)definition.AngleCount)
        {
            throw new ArgumentOutOfRangeException(nameof(angleIndex), $"'{definition.Name}' has {definition.AngleCount} angle(s); index {angleIndex} is out of range.");
        }

        derivative[..(dimension * dimension)].Clear();
        switch (kind)
        {
            case OperationKind.RX:
            case OperationKind.RY:
            case OperationKind.RZ:
            case OperationKind.P:
            case OperationKind.U:
                FillSingleDerivative(kind, angles, angleIndex, derivative);
                break;
            case OperationKind.CRX:
            case OperationKind.CRY:
            case OperationKind.CRZ:
            case OperationKind.CP:
                {
                    Span<Complex> target = stackalloc Complex[4];
                    FillSingleDerivative(TargetOf(kind), angles, angleIndex, target);
                    EmbedControlled(target, derivative);

                    // The uncontrolled block of a derivative is zero, not identity.
                    derivative[0] = 0;
                    derivative[(2 * 4) + 2] = 0;
                    break;
                }

            case OperationKind.RXX:
            case OperationKind.RYY:
            case OperationKind.RZZ:
                {
                    // d/dθ exp(-iθG/2) = -i/2 · G · exp(-iθG/2), and G² = I, so the derivative is
                    // the Ising matrix at θ + π scaled by 1/2.
                    FillIsing(kind, angles[0] + Math.PI, derivative);
                    for (var i = 0; i < 16; i++)
                    {
                        derivative[i] *= 0.5;
                    }

                    break;
                }

            default:
                throw new ArgumentException($"'{definition.Name}' has no angle to differentiate.", nameof(kind));
        }
    }

    /// <summary>
    /// Angles of a 2×2 unitary as U = e^{iγ}·U(θ, φ, λ) (OpenQASM 3's U, row-major entries), so
    /// any one-qubit matrix can be written as a named gate plus a global phase.
    /// </summary>
    public static (double Theta, double Phi, double Lambda, double Gamma) ZyzAngles(ReadOnlySpan<Complex> m)
    {
        if (m.Length != 4)
        {
            throw new ArgumentException($"A one-qubit unitary has 4 entries; got {m.Length}.", nameof(m));
        }

        Complex a = m[0], b = m[1], c = m[2], d = m[3];
        var theta = 2.0 * Math.Atan2(c.Magnitude, a.Magnitude);

        // a = e^{iγ}cos(θ/2), c = e^{i(γ+φ)} sin(θ/2), b = −e^{i(γ+λ)} sin(θ/2), d = e^{i(γ+φ+λ)} cos(θ/2).
        if (a.Magnitude > 1e-12 && c.Magnitude > 1e-12)
        {
            var gamma = a.Phase;
            return (theta, c.Phase - gamma, (-b).Phase - gamma, gamma);
        }

        if (a.Magnitude > 1e-12)
        {
            // Diagonal: only φ + λ matters; put it all in λ.
            return (theta, 0, d.Phase - a.Phase, a.Phase);
        }

        // Anti-diagonal: a = d = 0; choose λ = 0.
        var antiGamma = (-b).Phase;
        return (theta, c.Phase - antiGamma, 0, antiGamma);
    }

    /// <summary>The single-qubit gate a controlled gate applies to its target.</summary>
    public static OperationKind TargetOf(OperationKind controlled) => controlled switch
    {
        OperationKind.CX => OperationKind.X,
        OperationKind.CY => OperationKind.Y,
        OperationKind.CZ => OperationKind.Z,
        OperationKind.CH => OperationKind.H,
        OperationKind.CRX => OperationKind.RX,
        OperationKind.CRY => OperationKind.RY,
        OperationKind.CRZ => OperationKind.RZ,
        OperationKind.CP => OperationKind.P,
        _ => throw new ArgumentException($"'{GateDefinition.Of(controlled).Name}' is not a singly-controlled gate.", nameof(controlled)),
    };

    private static void FillSingle(OperationKind kind, ReadOnlySpan<double> angles, Span<Complex> m)
    {
        if (kind is OperationKind.X or OperationKind.Y or OperationKind.Z or OperationKind.H)
        {
            Fill(kind, angles, m);
            return;
        }

        var half = angles[0] / 2.0;
        var (s, c) = Math.SinCos(half);
        switch (kind)
        {
            case OperationKind.RX: Set2(m, c, new(0, -s), new(0, -s), c); break;
            case OperationKind.RY: Set2(m, c, -s, s, c); break;
            case OperationKind.RZ: Set2(m, Complex.FromPolarCoordinates(1, -half), 0, 0, Complex.FromPolarCoordinates(1, half)); break;
            case OperationKind.P: Set2(m, 1, 0, 0, Complex.FromPolarCoordinates(1, angles[0])); break;
            case OperationKind.U:
                {
                    double phi = angles[1], lambda = angles[2];
                    Set2(
                        m,
                        c,
                        -Complex.FromPolarCoordinates(s, lambda),
                        Complex.FromPolarCoordinates(s, phi),
                        Complex.FromPolarCoordinates(c, phi + lambda));
                    break;
                }

            default:
                throw new ArgumentException($"'{GateDefinition.Of(kind).Name}' is not a single-qubit gate here.", nameof(kind));
        }
    }

    private static void FillSingleDerivative(OperationKind kind, ReadOnlySpan<double> angles, int index, Span<Complex> m)
    {
        var half = angles[0] / 2.0;
        var (s, c) = Math.SinCos(half);

        // d/dθ of cos(θ/2) is -sin(θ/2)/2 and of sin(θ/2) is cos(θ/2)/2.
        double ds = c / 2.0, dc = -s / 2.0;
        switch (kind)
        {
            case OperationKind.RX: Set2(m, dc, new(0, -ds), new(0, -ds), dc); break;
            case OperationKind.RY: Set2(m, dc, -ds, ds, dc); break;
            case OperationKind.RZ:
                Set2(m, -0.5 * I * Complex.FromPolarCoordinates(1, -half), 0, 0, 0.5 * I * Complex.FromPolarCoordinates(1, half));
                break;
            case OperationKind.P: Set2(m, 0, 0, 0, I * Complex.FromPolarCoordinates(1, angles[0])); break;
            case OperationKind.U:
                {
                    double phi = angles[1], lambda = angles[2];
                    switch (index)
                    {
                        case 0:
                            Set2(m, dc, -Complex.FromPolarCoordinates(ds, lambda), Complex.FromPolarCoordinates(ds, phi), Complex.FromPolarCoordinates(dc, phi + lambda));
                            break;
                        case 1:
                            Set2(m, 0, 0, I * Complex.FromPolarCoordinates(s, phi), I * Complex.FromPolarCoordinates(c, phi + lambda));
                            break;
                        default:
                            Set2(m, 0, -I * Complex.FromPolarCoordinates(s, lambda), 0, I * Complex.FromPolarCoordinates(c, phi + lambda));
                            break;
                    }

                    break;
                }

            default:
                throw new ArgumentException($"'{GateDefinition.Of(kind).Name}' has no angle to differentiate.", nameof(kind));
        }
    }

    private static void FillIsing(OperationKind kind, double theta, Span<Complex> m)
    {
        var (s, c) = Math.SinCos(theta / 2.0);
        var minusIs = new Complex(0, -s);
        switch (kind)
        {
            case OperationKind.RXX:
                m[0] = m[5] = m[10] = m[15] = c;
                m[3] = m[6] = m[9] = m[12] = minusIs;
                break;
            case OperationKind.RYY:
                m[0] = m[5] = m[10] = m[15] = c;
                m[3] = m[12] = new Complex(0, s);
                m[6] = m[9] = minusIs;
                break;
            default:
                {
                    var even = Complex.FromPolarCoordinates(1, -theta / 2.0);
                    var odd = Complex.FromPolarCoordinates(1, theta / 2.0);
                    m[0] = m[15] = even;
                    m[5] = m[10] = odd;
                    break;
                }
        }
    }

    /// <summary>Controlled-U with the control on bit 0 and the target on bit 1.</summary>
    private static void EmbedControlled(ReadOnlySpan<Complex> u, Span<Complex> m)
    {
        m[..16].Clear();
        m[0] = 1;
        m[(2 * 4) + 2] = 1;
        m[(1 * 4) + 1] = u[0];
        m[(1 * 4) + 3] = u[1];
        m[(3 * 4) + 1] = u[2];
        m[(3 * 4) + 3] = u[3];
    }

    private static void Set2(Span<Complex> m, Complex a, Complex b, Complex c, Complex d)
    {
        m[0] = a;
        m[1] = b;
        m[2] = c;
        m[3] = d;
    }

    private static void CheckArguments(OperationKind kind, ReadOnlySpan<double> angles, Span<Complex> matrix, int dimension)
    {
        var definition = GateDefinition.Of(kind);
        if (angles.Length != definition.AngleCount)
        {
            throw new ArgumentException($"'{definition.Name}' takes {definition.AngleCount} angle(s), got {angles.Length}.", nameof(angles));
        }

        if (matrix.Length < dimension * dimension)
        {
            throw new ArgumentException($"'{definition.Name}' needs a {dimension}×{dimension} buffer ({dimension * dimension} entries), got {matrix.Length}.", nameof(matrix));
        }
    }
}
