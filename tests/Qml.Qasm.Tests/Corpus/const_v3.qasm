// expect: 10:0.5 11:0.5
OPENQASM 3.0;
include "stdgates.inc";
const float[64] half = pi/2;
const int n = 2;
qubit[n] q;
ry(half) q[0];
ry(2*half) q[n - 1];
