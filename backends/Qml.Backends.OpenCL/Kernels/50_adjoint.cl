// global (2^n, rows): destination[i ^ flip] += w_row * (-1)^popcount(i & sign) * source[i], for the
// adjoint method's lambda = sum_o upstream_o * O_o |psi>. i -> i ^ flip is a bijection, so no two
// items write the same amplitude. weights[offset + row] already holds upstream * coefficient * i^#Y.
__kernel void pauli_accumulate(__global const real2* source, __global real2* destination, uint n, ulong flip, ulong sign, __global const real2* weights, ulong offset)
{
    ulong i = get_global_id(0);
    uint row = get_global_id(1);
    ulong start = (ulong)row << n;
    real2 term = cmul(weights[offset + row], source[start + i]);
    if (popcount(i & sign) & 1)
    {
        term = -term;
    }

    destination[start + (i ^ flip)] += term;
}
