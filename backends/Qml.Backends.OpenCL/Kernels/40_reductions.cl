// Two-stage reductions: work-groups of QML_GROUP items write one partial sum each; sum_partials
// adds each result's partials on the device, so only finished numbers travel to the host.

inline real group_sum(real value, __local real* scratch)
{
    uint lid = get_local_id(0);
    scratch[lid] = value;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (uint width = QML_GROUP / 2; width > 0; width >>= 1)
    {
        if (lid < width)
        {
            scratch[lid] += scratch[lid + width];
        }

        barrier(CLK_LOCAL_MEM_FENCE);
    }

    return scratch[0];
}

// global (groups*QML_GROUP, rows, terms), local (QML_GROUP, 1, 1): for each Pauli term t and row,
// partials of Re(phase_t * sum_i conj(psi[i ^ flip]) * (-1)^popcount(i & sign) * psi[i]).
// masks holds (flip, sign) per term; phases holds i^#Y per term.
__kernel void pauli_terms(__global const real2* state, uint n, __global const ulong* masks, __global const real2* phases, uint groups, __global real* partials)
{
    __local real scratch[QML_GROUP];
    uint row = get_global_id(1);
    uint term = get_global_id(2);
    __global const real2* s = state + ((ulong)row << n);
    ulong flip = masks[2 * term];
    ulong sign = masks[(2 * term) + 1];
    real2 phase = phases[term];
    ulong length = 1UL << n;
    real sum = 0;
    for (ulong i = get_global_id(0); i < length; i += get_global_size(0))
    {
        real2 a = s[i ^ flip];
        real2 b = s[i];
        real re = (a.x * b.x) + (a.y * b.y);
        real im = (a.x * b.y) - (a.y * b.x);
        real value = (phase.x * re) - (phase.y * im);
        sum += (popcount(i & sign) & 1) ? -value : value;
    }

    real total = group_sum(sum, scratch);
    if (get_local_id(0) == 0)
    {
        partials[((((ulong)term * get_global_size(1)) + row) * groups) + get_group_id(0)] = total;
    }
}

// global (groups*QML_GROUP, rows), local (QML_GROUP, 1): partials of Re<a|b> per row.
__kernel void inner_real(__global const real2* a, __global const real2* b, uint n, uint groups, __global real* partials)
{
    __local real scratch[QML_GROUP];
    uint row = get_global_id(1);
    ulong start = (ulong)row << n;
    ulong length = 1UL << n;
    real sum = 0;
    for (ulong i = get_global_id(0); i < length; i += get_global_size(0))
    {
        real2 x = a[start + i];
        real2 y = b[start + i];
        sum += (x.x * y.x) + (x.y * y.y);
    }

    real total = group_sum(sum, scratch);
    if (get_local_id(0) == 0)
    {
        partials[((ulong)row * groups) + get_group_id(0)] = total;
    }
}

// global (results): destination[offset + j] = sum of partials[j*groups .. j*groups + groups).
__kernel void sum_partials(__global const real* partials, uint groups, __global real* destination, ulong offset)
{
    ulong j = get_global_id(0);
    real sum = 0;
    for (uint g = 0; g < groups; g++)
    {
        sum += partials[(j * groups) + g];
    }

    destination[offset + j] = sum;
}

// global (2^k * slices, rows): partials of the marginal distribution over k qubits. qubits[0..k)
// are the probability qubits in outcome order, sorted[0..k) the same ascending; each item sums
// one slice of the 2^(n-k) indices sharing its outcome. partials[(row*2^k + outcome)*slices + slice].
__kernel void marginal(__global const real2* state, uint n, __global const uint* qubits, __global const uint* sorted, uint k, uint slices, __global real* partials)
{
    ulong id = get_global_id(0);
    uint row = get_global_id(1);
    ulong outcome = id / slices;
    ulong slice = id % slices;
    __global const real2* s = state + ((ulong)row << n);
    ulong fixedBits = 0;
    for (uint j = 0; j < k; j++)
    {
        fixedBits |= ((outcome >> j) & 1UL) << qubits[j];
    }

    ulong rest = 1UL << (n - k);
    ulong begin = (rest * slice) / slices;
    ulong end = (rest * (slice + 1)) / slices;
    real sum = 0;
    for (ulong r = begin; r < end; r++)
    {
        ulong i = r;
        for (uint j = 0; j < k; j++)
        {
            i = insert_zero(i, sorted[j]);
        }

        real2 a = s[i | fixedBits];
        sum += (a.x * a.x) + (a.y * a.y);
    }

    partials[((((ulong)row << k) + outcome) * slices) + slice] = sum;
}
