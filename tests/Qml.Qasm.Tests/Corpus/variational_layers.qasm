// expect: 10:0.5 01:0.5
OPENQASM 2.0;
include "qelib1.inc";
qreg q[2];
ry(pi/2) q[0];
ry(pi/2) q[1];
cz q[0], q[1];
ry(pi/2) q[1];
