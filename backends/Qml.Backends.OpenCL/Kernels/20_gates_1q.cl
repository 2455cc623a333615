// Single-qubit gates. Matrices are row-major complex; see row_matrix for offset and stride.

// global (2^(n-1), rows): a general 2x2 on target (the named 1-qubit gates and U).
__kernel void apply_1q(__global real2* state, uint n, uint target, __global const real2* matrices, ulong offset, uint stride)
{
    __global real2* s = row_state(state, n);
    __global const real2* m = row_matrix(matrices, offset, stride);
    ulong i0 = insert_zero(get_global_id(0), target);
    ulong i1 = i0 | (1UL << target);
    real2 a = s[i0];
    real2 b = s[i1];
    s[i0] = cmul(m[0], a) + cmul(m[1], b);
    s[i1] = cmul(m[2], a) + cmul(m[3], b);
}

// global (2^n, rows): diag(d0, d1) on target (RZ, P, Z, S, T and their adjoints).
__kernel void apply_diag_1q(__global real2* state, uint n, uint target, __global const real2* matrices, ulong offset, uint stride)
{
    __global real2* s = row_state(state, n);
    __global const real2* d = row_matrix(matrices, offset, stride);
    ulong i = get_global_id(0);
    s[i] = cmul(d[(i >> target) & 1UL], s[i]);
}

// global (2^(n-1), rows): X swaps the two halves of every pair.
__kernel void apply_x(__global real2* state, uint n, uint target)
{
    __global real2* s = row_state(state, n);
    ulong i0 = insert_zero(get_global_id(0), target);
    ulong i1 = i0 | (1UL << target);
    real2 a = s[i0];
    s[i0] = s[i1];
    s[i1] = a;
}
