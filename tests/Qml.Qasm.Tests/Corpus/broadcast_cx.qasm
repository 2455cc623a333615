// expect: 1111:1
OPENQASM 2.0;
include "qelib1.inc";
qreg a[2];
qreg b[2];
creg ca[2];
creg cb[2];
x a;
cx a, b;
measure a -> ca;
measure b -> cb;
