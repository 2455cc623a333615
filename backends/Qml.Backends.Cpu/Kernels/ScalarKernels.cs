using System.Numerics;

namespace Qml.Backends.Cpu.Kernels;

/// <summary>
/// Plain scalar kernels: the reference every faster path is tested against, and the path for
/// targets inside one SIMD vector. Each walks amplitude groups [begin, end) of one gate.
/// </summary>
internal static unsafe class ScalarKernels
{
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

    private static void FillOffsets(ReadOnlySpan<int> operand, Span<nuint> offsets)
    {
        for (var j = 0; j < offsets.Length; j++)
        {
            offsets[j] = BitIndex.Scatter(j, operand);
        }
    }
}
