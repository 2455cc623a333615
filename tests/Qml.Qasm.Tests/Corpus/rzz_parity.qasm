// expect: 11:1
OPENQASM 2.0;
include "qelib1.inc";
qreg q[2];
h q;
rzz(pi) q[0], q[1];
h q;
