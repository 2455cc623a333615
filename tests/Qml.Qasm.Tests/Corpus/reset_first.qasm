// expect: 0:0.5 1:0.5
OPENQASM 2.0;
include "qelib1.inc";
qreg q[1];
reset q;
h q[0];
