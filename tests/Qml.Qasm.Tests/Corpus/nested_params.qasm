// expect: 10:0.5 11:0.5
OPENQASM 2.0;
include "qelib1.inc";
gate rot(t) a { ry(2*t) a; }
gate rot2(t) a, b { rot(t/2) a; rot(t) b; }
qreg q[2];
rot2(pi/2) q[0], q[1];
