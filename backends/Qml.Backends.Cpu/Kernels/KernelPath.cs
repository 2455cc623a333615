namespace Qml.Backends.Cpu.Kernels;

/// <summary>The widest code path a kernel may take; tests force narrower ones to compare them.</summary>
internal enum KernelPath
{
    Scalar,
    Vector256,
    Vector512,
}
