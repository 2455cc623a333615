using System.Numerics;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;
using Qml.Backends.Cpu.Kernels;
using Qml.Backends.Cpu.Memory;

namespace Qml.Backends.Cpu.Gradients;

/// <summary>
/// Re⟨λ|∂U|ψ⟩ in one read of both vectors: the derivative matrix is applied group by group and
/// contracted with λ on the fly, instead of copying ψ, applying ∂U to the copy and taking an
/// inner product (three passes over memory instead of one).
/// </summary>
internal static unsafe class DerivativeInnerProduct
{
    /// <summary>Largest operand handled here; the gates with angles act on at most two qubits.</summary>
    private const int MaxQubits = 2;

    public static double Compute(Operation operation, ReadOnlySpan<double> angles, int angleIndex, StateBuffer lambda, StateBuffer psi, int threads)
    {
        var k = operation.Qubits.Length;
        if (k > MaxQubits)
        {
            throw new InvalidOperationException($"'{operation.Definition.Name}' acts on {k} qubits; derivatives are taken of gates on at most {MaxQubits}.");
        }

        var dimension = 1 << k;
        Span<Complex> matrix = stackalloc Complex[dimension * dimension];
        GateMatrices.FillDerivative(operation.Kind, angles, angleIndex, matrix);
        Span<nuint> offsets = stackalloc nuint[dimension];
        var qubits = operation.Qubits.AsSpan();
        for (var local = 0; local < dimension; local++)
        {
            offsets[local] = BitIndex.Scatter(local, qubits);
        }

        Span<int> ascending = stackalloc int[k];
        qubits.CopyTo(ascending);
        ascending.Sort();
        var groups = lambda.Length >> k;
        if (threads <= 1 && k == 1)
        {
            return SingleQubit(lambda.Pointer, psi.Pointer, matrix, (nuint)1 << qubits[0], lambda.Length);
        }

        if (threads <= 1)
        {
            // Small states run here once per angle per row: no closures, no arrays.
            return Partial(lambda.Pointer, psi.Pointer, matrix, offsets, ascending, dimension, 0, groups);
        }

        var pl = lambda.Pointer;
        var pp = psi.Pointer;
        var matrixCopy = matrix.ToArray();
        var offsetsCopy = offsets.ToArray();
        var ascendingCopy = ascending.ToArray();
        return AmplitudeChunks.Sum(groups, threads, (begin, end) => Partial(pl, pp, matrixCopy, offsetsCopy, ascendingCopy, dimension, begin, end));
    }

    /// <summary>The common case, a rotation on one qubit, as plain nested loops over amplitude pairs.</summary>
    private static double SingleQubit(Complex* lambda, Complex* psi, ReadOnlySpan<Complex> m, nuint stride, nuint length)
    {
        var pl = (double*)lambda;
        var pp = (double*)psi;
        double m00r = m[0].Real, m00i = m[0].Imaginary, m01r = m[1].Real, m01i = m[1].Imaginary;
        double m10r = m[2].Real, m10i = m[2].Imaginary, m11r = m[3].Real, m11i = m[3].Imaginary;
        var sum = 0.0;
        for (nuint block = 0; block < length; block += stride << 1)
        {
            for (var j = block; j < block + stride; j++)
            {
                var lo = 2 * j;
                var hi = 2 * (j + stride);
                double a0r = pp[lo], a0i = pp[lo + 1], a1r = pp[hi], a1i = pp[hi + 1];
                var r0r = (m00r * a0r) - (m00i * a0i) + (m01r * a1r) - (m01i * a1i);
                var r0i = (m00r * a0i) + (m00i * a0r) + (m01r * a1i) + (m01i * a1r);
                var r1r = (m10r * a0r) - (m10i * a0i) + (m11r * a1r) - (m11i * a1i);
                var r1i = (m10r * a0i) + (m10i * a0r) + (m11r * a1i) + (m11i * a1r);
                sum += (pl[lo] * r0r) + (pl[lo + 1] * r0i) + (pl[hi] * r1r) + (pl[hi + 1] * r1i);
            }
        }

        return sum;
    }

    private static double Partial(Complex* lambda, Complex* psi, ReadOnlySpan<Complex> matrix, ReadOnlySpan<nuint> offsets, ReadOnlySpan<int> ascending, int dimension, nuint begin, nuint end)
    {
        Span<Complex> local = stackalloc Complex[1 << MaxQubits];
        var sum = 0.0;
        for (var group = begin; group < end; group++)
        {
            var baseIndex = BitIndex.InsertZeros(group, ascending);
            for (var c = 0; c < dimension; c++)
            {
                local[c] = psi[baseIndex + offsets[c]];
            }

            for (var r = 0; r < dimension; r++)
            {
                Complex row = 0;
                for (var c = 0; c < dimension; c++)
                {
                    row += matrix[(r * dimension) + c] * local[c];
                }

                var l = lambda[baseIndex + offsets[r]];
                sum += (l.Real * row.Real) + (l.Imaginary * row.Imaginary);
            }
        }

        return sum;
    }
}
