// expect: 00000:0.5 11111:0.5
OPENQASM 2.0;
include "qelib1.inc";
qreg a[1];
qreg b[4];
h a[0];
cx a[0], b[0];
cx b[0], b[1];
cx b[1], b[2];
cx b[2], b[3];
