// global (2^n, rows): every row becomes |0...0>.
__kernel void set_zero_state(__global real2* state, uint n)
{
    ulong i = get_global_id(0);
    row_state(state, n)[i] = (real2)(i == 0 ? 1 : 0, 0);
}

// global (2^n, rows): every amplitude becomes 0.
__kernel void clear_state(__global real2* state, uint n)
{
    row_state(state, n)[get_global_id(0)] = (real2)(0, 0);
}

// global (2^n, rows): |amplitude|^2, for the sampler and full probability tables.
__kernel void probabilities(__global const real2* state, uint n, __global real* destination)
{
    ulong i = ((ulong)get_global_id(1) << n) + get_global_id(0);
    real2 a = state[i];
    destination[i] = (a.x * a.x) + (a.y * a.y);
}
