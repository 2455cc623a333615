// expect: 110:0.5 111:0.5
OPENQASM 2.0;
include "qelib1.inc";
qreg q[3];
u2(0, pi) q[0];
u3(pi, 0, pi) q[1];
cu3(pi, 0, pi) q[1], q[2];
id q[0];
u0(1) q[1];
