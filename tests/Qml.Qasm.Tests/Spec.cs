using System.Numerics;

namespace Qml.Qasm.Tests;

/// <summary>
/// Gate matrices written from the specifications' formulas (OpenQASM 3 spec, Qiskit's gate
/// docs), independently of Qml.Abstractions.GateMatrices. Little-endian: bit j of an index is
/// the gate's j-th qubit operand, controls first.
/// </summary>
internal static class Spec
{
    private static readonly Complex I = Complex.ImaginaryOne;

    public static Complex[] U3(double theta, double phi, double lambda)
    {
        double c = Math.Cos(theta / 2), s = Math.Sin(theta / 2);
        return [c, -Complex.Exp(I * lambda) * s, Complex.Exp(I * phi) * s, Complex.Exp(I * (phi + lambda)) * c];
    }

    public static Complex[] P(double lambda) => [1, 0, 0, Complex.Exp(I * lambda)];

    public static Complex[] Identity(int qubits)
    {
        var d = 1 << qubits;
        var m = new Complex[d * d];
        for (var i = 0; i < d; i++)
        {
            m[(i * d) + i] = 1;
        }

        return m;
    }

    public static Complex[] X => [0, 1, 1, 0];

    public static Complex[] Y => [0, -I, I, 0];

    public static Complex[] Z => [1, 0, 0, -1];

    public static Complex[] H => [1 / Math.Sqrt(2), 1 / Math.Sqrt(2), 1 / Math.Sqrt(2), -1 / Math.Sqrt(2)];

    public static Complex[] SX => [new(0.5, 0.5), new(0.5, -0.5), new(0.5, -0.5), new(0.5, 0.5)];

    public static Complex[] SXdg => [new(0.5, -0.5), new(0.5, 0.5), new(0.5, 0.5), new(0.5, -0.5)];

    public static Complex[] RX(double t) => [Math.Cos(t / 2), -I * Math.Sin(t / 2), -I * Math.Sin(t / 2), Math.Cos(t / 2)];

    public static Complex[] RY(double t) => [Math.Cos(t / 2), -Math.Sin(t / 2), Math.Sin(t / 2), Math.Cos(t / 2)];

    public static Complex[] RZ(double t) => [Complex.Exp(-I * t / 2), 0, 0, Complex.Exp(I * t / 2)];

    public static Complex[] Swap => [1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1];

    /// <summary>exp(-iθ/2 X⊗X) = cos(θ/2)·I − i·sin(θ/2)·X⊗X.</summary>
    public static Complex[] RXX(double t)
    {
        var m = Scale(Identity(2), Math.Cos(t / 2));
        for (var i = 0; i < 4; i++)
        {
            m[(i * 4) + (3 - i)] = -I * Math.Sin(t / 2);
        }

        return m;
    }

    /// <summary>exp(-iθ/2 Z⊗Z): e^{∓iθ/2} on even/odd parity.</summary>
    public static Complex[] RZZ(double t) =>
        [Complex.Exp(-I * t / 2), 0, 0, 0, 0, Complex.Exp(I * t / 2), 0, 0, 0, 0, Complex.Exp(I * t / 2), 0, 0, 0, 0, Complex.Exp(-I * t / 2)];

    public static Complex[] Scale(Complex[] m, Complex k) => [.. m.Select(x => x * k)];

    /// <summary>Controls on bits 0..c-1, <paramref name="u"/> on the bits above.</summary>
    public static Complex[] Controlled(int controls, Complex[] u)
    {
        var du = (int)Math.Round(Math.Sqrt(u.Length));
        var d = du << controls;
        var mask = (1 << controls) - 1;
        var m = new Complex[d * d];
        for (var r = 0; r < d; r++)
        {
            for (var c = 0; c < d; c++)
            {
                if ((r & mask) != (c & mask))
                {
                    continue;
                }

                m[(r * d) + c] = (r & mask) != mask ? (r == c ? 1 : 0) : u[((r >> controls) * du) + (c >> controls)];
            }
        }

        return m;
    }

    /// <summary>Product of gates applied in order, each on the listed qubits of an n-qubit register.</summary>
    public static Complex[] Sequence(int n, params (Complex[] Gate, int[] Qubits)[] steps)
    {
        var total = Identity(n);
        foreach (var (gate, qubits) in steps)
        {
            total = Multiply(Embed(n, gate, qubits), total);
        }

        return total;
    }

    public static Complex[] Embed(int n, Complex[] gate, int[] qubits)
    {
        var d = 1 << n;
        var k = qubits.Length;
        var m = new Complex[d * d];
        for (var r = 0; r < d; r++)
        {
            for (var c = 0; c < d; c++)
            {
                int gr = 0, gc = 0, rest = 0;
                for (var j = 0; j < k; j++)
                {
                    gr |= ((r >> qubits[j]) & 1) << j;
                    gc |= ((c >> qubits[j]) & 1) << j;
                    rest |= 1 << qubits[j];
                }

                if ((r & ~rest) == (c & ~rest))
                {
                    m[(r * d) + c] = gate[(gr << k) + gc];
                }
            }
        }

        return m;
    }

    public static Complex[] Multiply(Complex[] a, Complex[] b)
    {
        var d = (int)Math.Round(Math.Sqrt(a.Length));
        var m = new Complex[d * d];
        for (var r = 0; r < d; r++)
        {
            for (var k = 0; k < d; k++)
            {
                var x = a[(r * d) + k];
                if (x == Complex.Zero)
                {
                    continue;
                }

                for (var c = 0; c < d; c++)
                {
                    m[(r * d) + c] += x * b[(k * d) + c];
                }
            }
        }

        return m;
    }
}
