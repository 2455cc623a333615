// expect: 1:1
OPENQASM 3.0;
include "stdgates.inc";
qubit[1] q;
h q[0];
ctrl @ gphase(pi) q[0];
h q[0];
gphase(0.5);
