// expect: 10:0.5 11:0.5
OPENQASM 2.0;
include "qelib1.inc";
qreg q[2];
ry(-(-pi)/2 + 0*sin(1)^2 + ln(exp(0)) - sqrt(0)) q[0];
rx(pi*2^-1*2 + cos(pi/2) - tan(0)) q[1];
