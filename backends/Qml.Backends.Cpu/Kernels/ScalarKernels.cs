using System.Numerics;
using System.Runtime.CompilerServices;

namespace Qml.Backends.Cpu.Kernels;

/// <summary>
/// Plain scalar kernels: the reference every faster path is tested against, and the path for
/// targets inside one SIMD vector. Each walks amplitude groups [begin, end) of one gate.
/// </summary>
internal static unsafe class ScalarKernels
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Single(in GateKernel k, Complex* state, nuint begin, nuint end)
    {
        var involved = k.InvolvedSpan;
        var stride = (nuint)1 << k.Target;
        Complex m00 = k.M00, m01 = k.M01, m10 = k.M10, m11 = k.M11;
        for (var group = begin; group < end; group++)
        {
            var i0 = BitIndex.InsertZeros(group, involved) | k.ControlMask;
            var i1 = i0 | stride;
            var a = state[i0];
            var b = state[i1];
            state[i0] = (m00 * a) + (m01 * b);
            state[i1] = (m10 * a) + (m11 * b);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Phase(in GateKernel k, Complex* state, nuint begin, nuint end)
    {
        var involved = k.InvolvedSpan;
        var stride = (nuint)1 << k.Target;
        Complex d0 = k.M00, d1 = k.M11;

        // P, CP, Z, S, T leave the |0⟩ half alone: skipping it halves the memory traffic.
        var touchZero = d0 != Complex.One;
        for (var group = begin; group < end; group++)
        {
            var i0 = BitIndex.InsertZeros(group, involved) | k.ControlMask;
            if (touchZero)
            {
                state[i0] *= d0;
            }

            state[i0 | stride] *= d1;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SwapPairs(in GateKernel k, Complex* state, nuint begin, nuint end)
    {
        var involved = k.InvolvedSpan;
        for (var group = begin; group < end; group++)
        {
            var baseIndex = BitIndex.InsertZeros(group, involved) | k.ControlMask;
            var a = baseIndex | k.SwapA;
            var b = baseIndex | k.SwapB;
            (state[a], state[b]) = (state[b], state[a]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Diagonal(in GateKernel k, Complex* state, nuint begin, nuint end)
    {
        var involved = k.InvolvedSpan;
        var dimension = 1 << k.OperandCount;
        Span<nuint> offsets = stackalloc nuint[dimension];
        FillOffsets(k.OperandSpan, offsets);
        var diagonal = k.Entries!;
        for (var group = begin; group < end; group++)
        {
            var baseIndex = BitIndex.InsertZeros(group, involved);
            for (var j = 0; j < dimension; j++)
            {
                state[baseIndex | offsets[j]] *= diagonal[j];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Dense(in GateKernel k, Complex* state, nuint begin, nuint end)
    {
        var involved = k.InvolvedSpan;
        var dimension = 1 << k.OperandCount;
        Span<nuint> offsets = stackalloc nuint[dimension];
        Span<Complex> gathered = stackalloc Complex[dimension];
        FillOffsets(k.OperandSpan, offsets);
        var matrix = k.Entries!;
        for (var group = begin; group < end; group++)
        {
            var baseIndex = BitIndex.InsertZeros(group, involved);
            for (var j = 0; j < dimension; j++)
            {
                gathered[j] = state[baseIndex | offsets[j]];
            }

            for (var r = 0; r < dimension; r++)
            {
                var row = matrix.AsSpan(r * dimension, dimension);
                var sum = Complex.Zero;
                for (var c = 0; c < dimension; c++)
                {
                    sum += row[c] * gathered[c];
                }

                state[baseIndex | offsets[r]] = sum;
            }
        }
    }

    /// <summary>
    /// The dense kernel unrolled for two qubits (RXX, RYY, ISWAP, 2-qubit unitaries): the 16
    /// entries live in registers and the four amplitudes are addressed directly.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Dense2(in GateKernel k, Complex* state, nuint begin, nuint end)
    {
        var involved = k.InvolvedSpan;
        nuint o1 = (nuint)1 << k.Operand[0], o2 = (nuint)1 << k.Operand[1], o3 = o1 | o2;
        var m = k.Entries!;
        Complex m00 = m[0], m01 = m[1], m02 = m[2], m03 = m[3];
        Complex m10 = m[4], m11 = m[5], m12 = m[6], m13 = m[7];
        Complex m20 = m[8], m21 = m[9], m22 = m[10], m23 = m[11];
        Complex m30 = m[12], m31 = m[13], m32 = m[14], m33 = m[15];
        for (var group = begin; group < end; group++)
        {
            var p = state + BitIndex.InsertZeros(group, involved);
            Complex a0 = p[0], a1 = p[o1], a2 = p[o2], a3 = p[o3];
            p[0] = (m00 * a0) + (m01 * a1) + (m02 * a2) + (m03 * a3);
            p[o1] = (m10 * a0) + (m11 * a1) + (m12 * a2) + (m13 * a3);
            p[o2] = (m20 * a0) + (m21 * a1) + (m22 * a2) + (m23 * a3);
            p[o3] = (m30 * a0) + (m31 * a1) + (m32 * a2) + (m33 * a3);
        }
    }

    private static void FillOffsets(ReadOnlySpan<int> operand, Span<nuint> offsets)
    {
        for (var j = 0; j < offsets.Length; j++)
        {
            offsets[j] = BitIndex.Scatter(j, operand);
        }
    }
}
