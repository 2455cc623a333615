// expect: 1011:1
OPENQASM 2.0;
include "qelib1.inc";
// a=1, b=1, cin=0 -> sum (q2) = 0, carry (q3) = 1
qreg q[4];
x q[0];
x q[1];
ccx q[0], q[1], q[3];
cx q[0], q[1];
ccx q[1], q[2], q[3];
cx q[1], q[2];
cx q[0], q[1];
