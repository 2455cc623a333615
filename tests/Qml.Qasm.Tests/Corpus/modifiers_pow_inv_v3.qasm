// expect: 1:1
OPENQASM 3.0;
include "stdgates.inc";
qubit[1] q;
h q[0];
pow(4) @ t q[0];
inv @ pow(2) @ s q[0];
inv @ inv @ s q[0];
s q[0];
h q[0];
