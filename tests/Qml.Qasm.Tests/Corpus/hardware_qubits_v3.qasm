// expect: 00:0.5 11:0.5
OPENQASM 3.0;
include "stdgates.inc";
h $0;
cx $0, $1;
