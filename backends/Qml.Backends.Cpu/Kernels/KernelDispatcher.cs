using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Qml.Backends.Cpu.Kernels;

/// <summary>
/// The small map from (gate shape, qubit positions, hardware) to a loop. For each register width,
/// widest first: every involved qubit at or above the lane bits → the "high" block kernel of the
/// shape; only the target below and every control above → the "low" in-register kernel; else
/// the next width, and finally the scalar loop. Dense blocks of 2..4 qubits take the SIMD block
/// kernel wherever their qubits lie; wider dense gates and multi-qubit diagonals run scalar.
/// </summary>
internal static unsafe class KernelDispatcher
{
    /// <summary>Chunks handed to threads are multiples of this, so every register width divides them.</summary>
    public const int ChunkAlignment = 4;

    public static KernelPath BestPath =>
        Width512.IsAccelerated ? KernelPath.Vector512 : Width256.IsAccelerated ? KernelPath.Vector256 : KernelPath.Scalar;

    /// <summary>The path <see cref="Apply"/> takes for <paramref name="kernel"/> over [begin, end).</summary>
    public static KernelPath Choose(in GateKernel kernel, nuint begin, nuint end, KernelPath allowed) =>
        Choose(kernel, begin, end, allowed, out _);

    /// <summary>Applies groups [begin, end) of <paramref name="kernel"/> in place, on at most the <paramref name="allowed"/> path.</summary>
    // Compiled fully optimised at once, as are the kernels: tier-0 code of these SIMD loops is many
    // times slower, and short runs on small states never wait long enough for tiering to replace it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply(in GateKernel kernel, Complex* state, nuint begin, nuint end, KernelPath allowed = KernelPath.Vector512)
    {
        if (kernel.Kind == KernelKind.Dense && kernel.OperandCount is >= 2 and <= DenseBlockKernels.MaxQubits)
        {
            ApplyDenseBlock(kernel, state, begin, end, allowed);
            return;
        }

        var path = Choose(kernel, begin, end, allowed, out var low);
        if (low)
        {
            var asMatrix = AsLowTarget(kernel);
            if (path == KernelPath.Vector512)
            {
                SimdKernels.LowTarget<Width512, Vector512<double>>(asMatrix, state, begin, end);
            }
            else
            {
                SimdKernels.LowTarget<Width256, Vector256<double>>(asMatrix, state, begin, end);
            }

            return;
        }

        switch (kernel.Kind)
        {
            case KernelKind.Identity:
                return;
            case KernelKind.Single:
                switch (path)
                {
                    case KernelPath.Vector512: SimdKernels.Single<Width512, Vector512<double>>(kernel, state, begin, end); break;
                    case KernelPath.Vector256: SimdKernels.Single<Width256, Vector256<double>>(kernel, state, begin, end); break;
                    default: ScalarKernels.Single(kernel, state, begin, end); break;
                }

                return;
            case KernelKind.Phase:
                switch (path)
                {
                    case KernelPath.Vector512: SimdKernels.Phase<Width512, Vector512<double>>(kernel, state, begin, end); break;
                    case KernelPath.Vector256: SimdKernels.Phase<Width256, Vector256<double>>(kernel, state, begin, end); break;
                    default: ScalarKernels.Phase(kernel, state, begin, end); break;
                }

                return;
            case KernelKind.SwapPairs:
                switch (path)
                {
                    case KernelPath.Vector512: SimdKernels.SwapPairs<Width512, Vector512<double>>(kernel, state, begin, end); break;
                    case KernelPath.Vector256: SimdKernels.SwapPairs<Width256, Vector256<double>>(kernel, state, begin, end); break;
                    default: ScalarKernels.SwapPairs(kernel, state, begin, end); break;
                }

                return;
            case KernelKind.Diagonal:
                ScalarKernels.Diagonal(kernel, state, begin, end);
                return;
            default:
                ScalarKernels.Dense(kernel, state, begin, end);
                return;
        }
    }

    /// <summary>
    /// Dense blocks of 2..4 qubits (fused gates, RXX, RYY, ISWAP, small unitaries): the SIMD block
    /// kernel, which also serves blocks with qubits inside a register; a 2-qubit block whose
    /// qubits are both above the lane bits keeps its own unrolled kernel. The generic scalar loop
    /// only when forced.
    /// </summary>
    private static void ApplyDenseBlock(in GateKernel kernel, Complex* state, nuint begin, nuint end, KernelPath allowed)
    {
        var twoHigh = kernel.OperandCount == 2;
        switch (Choose(kernel, begin, end, allowed, out _))
        {
            case KernelPath.Vector512:
                if (twoHigh && kernel.LowestInvolved >= Width512.LaneBits)
                {
                    SimdKernels.Dense2<Width512, Vector512<double>>(kernel, state, begin, end);
                }
                else
                {
                    DenseBlockKernels.Apply<Width512, Vector512<double>>(kernel, state, begin, end);
                }

                break;
            case KernelPath.Vector256:
                if (twoHigh && kernel.LowestInvolved >= Width256.LaneBits)
                {
                    SimdKernels.Dense2<Width256, Vector256<double>>(kernel, state, begin, end);
                }
                else
                {
                    DenseBlockKernels.Apply<Width256, Vector256<double>>(kernel, state, begin, end);
                }

                break;
            default:
                if (allowed == KernelPath.Scalar || !twoHigh)
                {
                    ScalarKernels.Dense(kernel, state, begin, end);
                }
                else
                {
                    ScalarKernels.Dense2(kernel, state, begin, end);
                }

                break;
        }
    }

    private static KernelPath Choose(in GateKernel kernel, nuint begin, nuint end, KernelPath allowed, out bool lowTarget)
    {
        lowTarget = false;
        if (kernel.Kind == KernelKind.Dense && kernel.OperandCount is >= 2 and <= DenseBlockKernels.MaxQubits)
        {
            if (allowed >= KernelPath.Vector512 && Width512.IsAccelerated && DenseBlockKernels.Fits(kernel, begin, end, Width512.LaneBits))
            {
                return KernelPath.Vector512;
            }

            return allowed >= KernelPath.Vector256 && Width256.IsAccelerated && DenseBlockKernels.Fits(kernel, begin, end, Width256.LaneBits)
                ? KernelPath.Vector256
                : KernelPath.Scalar;
        }

        if (kernel.Kind is not (KernelKind.Single or KernelKind.Phase or KernelKind.SwapPairs))
        {
            return KernelPath.Scalar;
        }

        var target = LowCandidateTarget(kernel);
        var lowestOther = int.MaxValue;
        foreach (var position in kernel.InvolvedSpan)
        {
            if (position != target)
            {
                lowestOther = Math.Min(lowestOther, position);
            }
        }

        if (allowed >= KernelPath.Vector512 && Width512.IsAccelerated && Fits(kernel, target, lowestOther, begin, end, Width512.LaneBits, out lowTarget))
        {
            return KernelPath.Vector512;
        }

        if (allowed >= KernelPath.Vector256 && Width256.IsAccelerated && Fits(kernel, target, lowestOther, begin, end, Width256.LaneBits, out lowTarget))
        {
            return KernelPath.Vector256;
        }

        return KernelPath.Scalar;
    }

    private static bool Fits(in GateKernel kernel, int target, int lowestOther, nuint begin, nuint end, int laneBits, out bool lowTarget)
    {
        var lanes = (nuint)1 << laneBits;
        lowTarget = false;
        if (kernel.LowestInvolved >= laneBits)
        {
            return begin % lanes == 0 && end % lanes == 0;
        }

        // In-register target: the groups map to amplitudes [2·begin, 2·end), which must be whole registers.
        if (target >= 0 && target < laneBits && lowestOther >= laneBits && (2 * begin) % lanes == 0 && (2 * end) % lanes == 0)
        {
            lowTarget = true;
            return true;
        }

        return false;
    }

    /// <summary>The qubit a 2×2 acts on, or −1 for swaps between two qubits (SWAP, CSWAP), which have no low form.</summary>
    private static int LowCandidateTarget(in GateKernel kernel) => kernel.Kind switch
    {
        KernelKind.SwapPairs when kernel.SwapA == 0 && BitOperations.IsPow2(kernel.SwapB) => BitOperations.Log2(kernel.SwapB),
        KernelKind.SwapPairs => -1,
        _ => kernel.Target,
    };

    /// <summary>The kernel as a 2×2 on its target: X-like swaps become [[0, 1], [1, 0]].</summary>
    private static GateKernel AsLowTarget(in GateKernel kernel)
    {
        if (kernel.Kind != KernelKind.SwapPairs)
        {
            return kernel;
        }

        var matrix = kernel;
        matrix.Target = BitOperations.Log2(kernel.SwapB);
        (matrix.M00, matrix.M01, matrix.M10, matrix.M11) = (Complex.Zero, Complex.One, Complex.One, Complex.Zero);
        return matrix;
    }
}
