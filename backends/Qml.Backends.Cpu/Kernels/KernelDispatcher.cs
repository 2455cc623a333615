using System.Numerics;
using System.Runtime.Intrinsics;

namespace Qml.Backends.Cpu.Kernels;

/// <summary>
/// Picks the kernel for a gate shape, qubit positions and hardware: the widest SIMD register
/// whose lanes all share the gate operand (every involved qubit at or above its lane bits),
/// else the scalar loop. Dense and multi-qubit diagonal gates always run scalar.
/// </summary>
internal static unsafe class KernelDispatcher
{
    /// <summary>Chunks handed to threads are multiples of this, so every register width divides them.</summary>
    public const int ChunkAlignment = 4;

    public static KernelPath BestPath =>
        Width512.IsAccelerated ? KernelPath.Vector512 : Width256.IsAccelerated ? KernelPath.Vector256 : KernelPath.Scalar;

    /// <summary>The path <see cref="Apply"/> takes for <paramref name="kernel"/> over [begin, end).</summary>
    public static KernelPath Choose(in GateKernel kernel, nuint begin, nuint end, KernelPath allowed)
    {
        if (kernel.Kind is not (KernelKind.Single or KernelKind.Phase or KernelKind.SwapPairs))
        {
            return KernelPath.Scalar;
        }

        var lowest = kernel.LowestInvolved;
        var span = begin | end;
        if (allowed >= KernelPath.Vector512 && Width512.IsAccelerated && lowest >= Width512.LaneBits && span % 4 == 0)
        {
            return KernelPath.Vector512;
        }

        if (allowed >= KernelPath.Vector256 && Width256.IsAccelerated && lowest >= Width256.LaneBits && span % 2 == 0)
        {
            return KernelPath.Vector256;
        }

        return KernelPath.Scalar;
    }

    /// <summary>Applies groups [begin, end) of <paramref name="kernel"/> in place.</summary>
    public static void Apply(in GateKernel kernel, Complex* state, nuint begin, nuint end, KernelPath allowed = KernelPath.Vector512)
    {
        var path = Choose(kernel, begin, end, allowed);
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
}
