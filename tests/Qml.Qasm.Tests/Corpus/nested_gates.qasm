// expect: 0000:0.25 0011:0.25 1100:0.25 1111:0.25
OPENQASM 2.0;
include "qelib1.inc";
gate bell a, b { h a; cx a, b; }
gate bell2 a, b, c, d { bell a, b; bell c, d; }
qreg q[4];
bell2 q[0], q[1], q[2], q[3];
