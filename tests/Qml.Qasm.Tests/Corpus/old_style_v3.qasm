// expect: 11:1
OPENQASM 3.0;
include "stdgates.inc";
qreg q[2];
creg c[2];
x q;
U(0, 0, pi) q[0];
measure q -> c;
