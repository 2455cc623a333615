namespace Qml.Backends.OpenCL.Simulation;

/// <summary>The kernel a gate runs as; each shape has its own kernel and matrix layout.</summary>
internal enum GateShape
{
    /// <summary>Nothing to apply (I, barrier, terminal measure).</summary>
    Identity,

    /// <summary>apply_x: no numbers.</summary>
    X,

    /// <summary>apply_cx: no numbers.</summary>
    CX,

    /// <summary>apply_swap: no numbers.</summary>
    Swap,

    /// <summary>apply_1q: a 2×2 row-major (4 entries).</summary>
    Single,

    /// <summary>apply_diag_1q: (d0, d1).</summary>
    Diagonal1,

    /// <summary>apply_controlled_1q: the 2×2 target block where the control is 1 (4 entries).</summary>
    Controlled,

    /// <summary>apply_diag_2q: (d00, d01, d10, d11), index bit 0 = first qubit.</summary>
    Diagonal2,

    /// <summary>apply_2q: a 4×4 row-major (16 entries), index bit j = qubit j.</summary>
    Dense2,

    /// <summary>apply_dense: a 2^k × 2^k row-major on k ≥ 3 qubits, out of place through a scratch state.</summary>
    DenseK,
}
