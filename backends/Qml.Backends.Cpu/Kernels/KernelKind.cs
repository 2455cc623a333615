namespace Qml.Backends.Cpu.Kernels;

/// <summary>The shape of a gate as the kernels see it; each shape has its own, cheaper loop.</summary>
internal enum KernelKind
{
    /// <summary>Nothing to do (identity, barrier).</summary>
    Identity,

    /// <summary>A 2×2 matrix on one target, applied where every control bit is set (none: a plain 1-qubit gate).</summary>
    Single,

    /// <summary>diag(d0, d1) on one target where every control bit is set: a phase multiply.</summary>
    Phase,

    /// <summary>Swaps amplitude base|A with base|B where every control bit is set (X, CX, SWAP, CCX, CSWAP).</summary>
    SwapPairs,

    /// <summary>A diagonal on k qubits (RZZ): one multiply per amplitude.</summary>
    Diagonal,

    /// <summary>A dense 2^k × 2^k matrix: always correct, used for everything else.</summary>
    Dense,
}
