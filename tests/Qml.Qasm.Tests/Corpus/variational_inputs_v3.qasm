// expect: 0:0.5 1:0.5
OPENQASM 3.0;
include "stdgates.inc";
// bind: x0=0.5 w0=1.0707963267948966
input float[64] x0;
input float[64] w0;
qubit[1] q;
ry(x0 + w0) q[0];
rz(2*w0 - x0) q[0];
