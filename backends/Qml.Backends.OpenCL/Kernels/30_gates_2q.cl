// Two-qubit gates. lo < hi are the two qubits sorted, so groups enumerate with insert_zeros.

// global (2^(n-2), rows): a 2x2 block on target where control is 1 (CY, CH, CRX, CRY, ...).
__kernel void apply_controlled_1q(__global real2* state, uint n, uint control, uint target, uint lo, uint hi, __global const real2* matrices, ulong offset, uint stride)
{
    __global real2* s = row_state(state, n);
    __global const real2* m = row_matrix(matrices, offset, stride);
    ulong i0 = insert_zeros(get_global_id(0), lo, hi) | (1UL << control);
    ulong i1 = i0 | (1UL << target);
    real2 a = s[i0];
    real2 b = s[i1];
    s[i0] = cmul(m[0], a) + cmul(m[1], b);
    s[i1] = cmul(m[2], a) + cmul(m[3], b);
}

// global (2^(n-2), rows): CX swaps target pairs where control is 1.
__kernel void apply_cx(__global real2* state, uint n, uint control, uint target, uint lo, uint hi)
{
    __global real2* s = row_state(state, n);
    ulong i0 = insert_zeros(get_global_id(0), lo, hi) | (1UL << control);
    ulong i1 = i0 | (1UL << target);
    real2 a = s[i0];
    s[i0] = s[i1];
    s[i1] = a;
}

// global (2^(n-2), rows): SWAP exchanges |01> and |10>.
__kernel void apply_swap(__global real2* state, uint n, uint lo, uint hi)
{
    __global real2* s = row_state(state, n);
    ulong base = insert_zeros(get_global_id(0), lo, hi);
    ulong i0 = base | (1UL << lo);
    ulong i1 = base | (1UL << hi);
    real2 a = s[i0];
    s[i0] = s[i1];
    s[i1] = a;
}

// global (2^n, rows): a diagonal on (q0, q1), entry index bit 0 = q0 (CZ, CP, CRZ, RZZ).
__kernel void apply_diag_2q(__global real2* state, uint n, uint q0, uint q1, __global const real2* matrices, ulong offset, uint stride)
{
    __global real2* s = row_state(state, n);
    __global const real2* d = row_matrix(matrices, offset, stride);
    ulong i = get_global_id(0);
    uint k = (uint)((i >> q0) & 1UL) | ((uint)((i >> q1) & 1UL) << 1);
    s[i] = cmul(d[k], s[i]);
}

// global (2^(n-2), rows): a dense 4x4 on (q0, q1), matrix index bit 0 = q0 (ISWAP, RXX, RYY,
// 2-qubit unitaries, and every 2-qubit derivative).
__kernel void apply_2q(__global real2* state, uint n, uint q0, uint q1, uint lo, uint hi, __global const real2* matrices, ulong offset, uint stride)
{
    __global real2* s = row_state(state, n);
    __global const real2* m = row_matrix(matrices, offset, stride);
    ulong base = insert_zeros(get_global_id(0), lo, hi);
    ulong b0 = 1UL << q0;
    ulong b1 = 1UL << q1;
    ulong index[4] = { base, base | b0, base | b1, base | b0 | b1 };
    real2 a[4] = { s[index[0]], s[index[1]], s[index[2]], s[index[3]] };
    for (int r = 0; r < 4; r++)
    {
        s[index[r]] = cmul(m[4 * r], a[0]) + cmul(m[(4 * r) + 1], a[1]) + cmul(m[(4 * r) + 2], a[2]) + cmul(m[(4 * r) + 3], a[3]);
    }
}

// global (2^n, rows): out of place, a dense 2^k x 2^k on k qubits (unitaries wider than two
// qubits, rare). packed holds the qubits in matrix order, 5 bits each (matrix index bit j =
// qubit j). Each item computes one output amplitude, so no item overwrites another's input.
__kernel void apply_dense(__global const real2* source, __global real2* destination, uint n, uint k, ulong packed, __global const real2* matrices, ulong offset, uint stride)
{
    __global const real2* m = row_matrix(matrices, offset, stride);
    ulong i = get_global_id(0);
    ulong start = (ulong)get_global_id(1) << n;
    ulong base = i;
    ulong r = 0;
    for (uint j = 0; j < k; j++)
    {
        uint q = (uint)((packed >> (5 * j)) & 31UL);
        r |= ((i >> q) & 1UL) << j;
        base &= ~(1UL << q);
    }

    ulong dimension = 1UL << k;
    real2 sum = (real2)(0, 0);
    for (ulong c = 0; c < dimension; c++)
    {
        ulong index = base;
        for (uint j = 0; j < k; j++)
        {
            index |= ((c >> j) & 1UL) << ((packed >> (5 * j)) & 31UL);
        }

        sum += cmul(m[(r * dimension) + c], source[start + index]);
    }

    destination[start + i] = sum;
}
