// expect: 111:1
OPENQASM 2.0;
include "qelib1.inc";
qreg q[3];
x q[0];
x q[1];
rccx q[0], q[1], q[2];
