// expect: 000:0.0625 001:0.0625 010:0.0625 011:0.0625 100:0.1875 101:0.1875 110:0.1875 111:0.1875
OPENQASM 2.0;
include "qelib1.inc";
// Teleports ry(2pi/3)|0> from q[0] to q[2]; corrections by deferred measurement.
qreg q[3];
ry(2*pi/3) q[0];
h q[1];
cx q[1], q[2];
cx q[0], q[1];
h q[0];
cx q[1], q[2];
cz q[0], q[2];
