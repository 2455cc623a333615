using System.Numerics;
using Qml.Backends.Cpu.Kernels;
using Qml.Backends.Cpu.Memory;

namespace Qml.Backends.Cpu.Tests.Support;

/// <summary>Runs one kernel on a copy of a managed state through native memory, on a chosen path.</summary>
internal static unsafe class KernelHarness
{
    public static Complex[] Run(in GateKernel kernel, Complex[] input, int qubitCount, KernelPath path)
    {
        using var buffer = new StateBuffer(qubitCount);
        input.CopyTo(buffer.Amplitudes);
        KernelDispatcher.Apply(kernel, buffer.Pointer, 0, kernel.GroupCount(qubitCount), path);
        return buffer.Amplitudes.ToArray();
    }

    public static Complex[] RunParallel(in GateKernel kernel, Complex[] input, int qubitCount, int threads)
    {
        using var buffer = new StateBuffer(qubitCount);
        input.CopyTo(buffer.Amplitudes);
        new AmplitudeParallelism(threads).Apply(kernel, buffer.Pointer, qubitCount);
        return buffer.Amplitudes.ToArray();
    }

    /// <summary>Every SIMD path this machine accelerates.</summary>
    public static IEnumerable<KernelPath> AcceleratedSimdPaths()
    {
        if (Width512.IsAccelerated)
        {
            yield return KernelPath.Vector512;
        }

        if (Width256.IsAccelerated)
        {
            yield return KernelPath.Vector256;
        }
    }

    public static GateKernel Single(Complex[] m, int target, params int[] controls)
    {
        var kernel = default(GateKernel);
        kernel.SetQubits([.. controls, target]);
        kernel.Kind = KernelKind.Single;
        kernel.Target = target;
        kernel.ControlMask = Mask(controls);
        (kernel.M00, kernel.M01, kernel.M10, kernel.M11) = (m[0], m[1], m[2], m[3]);
        return kernel;
    }

    public static GateKernel Phase(Complex d0, Complex d1, int target, params int[] controls)
    {
        var kernel = Single([d0, 0, 0, d1], target, controls);
        kernel.Kind = KernelKind.Phase;
        return kernel;
    }

    public static GateKernel Swap(int[] qubits, nuint controls, nuint a, nuint b)
    {
        var kernel = default(GateKernel);
        kernel.SetQubits(qubits);
        kernel.Kind = KernelKind.SwapPairs;
        kernel.ControlMask = controls;
        kernel.SwapA = a;
        kernel.SwapB = b;
        return kernel;
    }

    /// <summary>The full matrix of a 2×2 gate on <c>[controls…, target]</c>: identity except where every control is 1.</summary>
    public static Complex[] ControlledMatrix(Complex[] m, int controlCount)
    {
        var d = 1 << (controlCount + 1);
        var full = new Complex[d * d];
        var all = (1 << controlCount) - 1;
        for (var i = 0; i < d; i++)
        {
            full[(i * d) + i] = 1;
        }

        int r0 = all, r1 = all | (1 << controlCount);
        full[(r0 * d) + r0] = m[0];
        full[(r0 * d) + r1] = m[1];
        full[(r1 * d) + r0] = m[2];
        full[(r1 * d) + r1] = m[3];
        return full;
    }

    public static nuint Mask(IEnumerable<int> qubits)
    {
        nuint mask = 0;
        foreach (var q in qubits)
        {
            mask |= (nuint)1 << q;
        }

        return mask;
    }
}
