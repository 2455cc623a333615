// expect: 101:1
OPENQASM 2.0;
include "qelib1.inc";
gate qft3 a, b, c { h c; cu1(pi/2) b, c; cu1(pi/4) a, c; h b; cu1(pi/2) a, b; h a; swap a, c; }
gate iqft3 a, b, c { swap a, c; h a; cu1(-pi/2) a, b; h b; cu1(-pi/4) a, c; cu1(-pi/2) b, c; h c; }
qreg q[3];
x q[0];
x q[2];
qft3 q[0], q[1], q[2];
iqft3 q[0], q[1], q[2];
