// expect: 1011:1
OPENQASM 3.0;
include "stdgates.inc";
qubit[4] q;
x q[0];
ctrl @ x q[0], q[1];
negctrl @ x q[2], q[3];
