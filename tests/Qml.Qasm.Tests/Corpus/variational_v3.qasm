// expect: 00:0.25 11:0.75
OPENQASM 3.0;
include "stdgates.inc";
// bind: theta=2.0943951023931953
input float[64] theta;
qubit[2] q;
bit[2] c;
ry(theta) q[0];
cx q[0], q[1];
c = measure q;
