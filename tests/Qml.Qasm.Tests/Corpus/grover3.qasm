// expect: 000:0.0078125 001:0.0078125 010:0.0078125 011:0.0078125 100:0.0078125 101:0.0078125 110:0.0078125 111:0.9453125
OPENQASM 2.0;
include "qelib1.inc";
gate ccz a, b, c { h c; ccx a, b, c; h c; }
gate diffuse a, b, c { h a; h b; h c; x a; x b; x c; ccz a, b, c; x a; x b; x c; h a; h b; h c; }
qreg q[3];
h q;
ccz q[0], q[1], q[2];
diffuse q[0], q[1], q[2];
ccz q[0], q[1], q[2];
diffuse q[0], q[1], q[2];
