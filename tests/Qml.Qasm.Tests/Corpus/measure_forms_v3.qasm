// expect: 10:1
OPENQASM 3.0;
include "stdgates.inc";
qubit[2] q;
bit[2] c;
x q[1];
c[0] = measure q[0];
c = measure q;
measure q -> c;
