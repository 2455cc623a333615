namespace Qml.Backends.Cpu.Kernels;

/// <summary>The widest code path a kernel may take; tests force narrower ones to compare them.</summary>
internal enum KernelPath
{
    /// <summary>Only the plain reference loops (no SIMD, no unrolled specialisations).</summary>
    Scalar,
    Vector256,
    Vector512,
}
