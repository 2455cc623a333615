// expect: 00:0.5 11:0.5
OPENQASM 3.0;
include "stdgates.inc";
gate mybell a, b { h a; ctrl @ x a, b; }
qubit[2] q;
mybell q[0], q[1];
