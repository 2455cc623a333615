// Shared definitions. The host builds with -D QML_DOUBLE on fp64 devices and -D QML_GROUP=<L>
// (the work-group size of the reductions, a power of two the device accepts).
#ifdef QML_DOUBLE
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
typedef double real;
typedef double2 real2;
#else
typedef float real;
typedef float2 real2;
#endif

// No fused multiply-adds: probabilities and expectations then round as the CPU backend's do,
// so seeded samples agree across devices (a statevector gate is memory-bound anyway).
#pragma OPENCL FP_CONTRACT OFF

inline real2 cmul(real2 a, real2 b)
{
    return (real2)((a.x * b.x) - (a.y * b.y), (a.x * b.y) + (a.y * b.x));
}

// Spreads the bits of i to leave a zero at position bit: enumerates the indices whose bit is 0.
inline ulong insert_zero(ulong i, uint bit)
{
    ulong low = i & ((1UL << bit) - 1UL);
    return low | ((i - low) << 1);
}

// Two zeros, at lo < hi (insert the lower first so the higher position stays right).
inline ulong insert_zeros(ulong i, uint lo, uint hi)
{
    return insert_zero(insert_zero(i, lo), hi);
}

// Row r of a batch of 2^n amplitudes.
inline __global real2* row_state(__global real2* state, uint n)
{
    return state + ((ulong)get_global_id(1) << n);
}

// The matrix of this row: constant gates share one copy (stride 0), symbolic ones have one per row.
inline __global const real2* row_matrix(__global const real2* matrices, ulong offset, uint stride)
{
    return matrices + offset + ((ulong)get_global_id(1) * stride);
}
