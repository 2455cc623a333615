// expect: 000:0.5 111:0.5
OPENQASM 2.0;
include "qelib1.inc";
qreg q[3];
creg c[3];
h q[0];
cx q[0], q[1];
cx q[1], q[2];
barrier q;
measure q -> c;
