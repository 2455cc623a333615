// expect: 101:1
OPENQASM 2.0;
include "qelib1.inc";
qreg q[3];
x q[0];
swap q[0], q[1];
x q[2];
cswap q[2], q[0], q[1];
