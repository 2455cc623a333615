using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;
using Qml.Qasm.Syntax;

namespace Qml.Qasm.Semantics;

/// <summary>
/// The built-in include files. A library gate whose matrix equals one of our
/// <see cref="OperationKind"/>s becomes that kind directly; the rest expand through the bodies
/// below, which follow Qiskit's qelib1.inc.
/// <para>
/// Conventions, following Qiskit rather than the literal include text where the two differ by
/// a global phase: qelib1's <c>rz(φ)</c> is written as <c>u1(φ)</c> but is RZ = exp(-iφZ/2);
/// <c>sx</c>/<c>sxdg</c> are SX/SXdg (the qelib1 bodies are RX(±π/2)); <c>rzz</c> is
/// exp(-iθZZ/2) (the body is e^{iθ/2} times that). In stdgates.inc every gate is the standard
/// matrix its name denotes (the file's <c>x</c>, <c>h</c>, <c>rx</c>… carry gphase terms that
/// only matched an older definition of U; its <c>u2</c>/<c>u3</c> are Qiskit's U2/U3, and
/// <c>cu(θ,φ,λ,γ)</c> is Qiskit's CU: |0⟩⟨0|⊗I + e^{iγ}|1⟩⟨1|⊗U(θ,φ,λ)).
/// </para>
/// </summary>
internal static class GateLibrary
{
    public const string Qelib1 = "qelib1.inc";
    public const string StdGates = "stdgates.inc";

    private const double Pi = Math.PI;

    /// <summary>OpenQASM 2's built-in <c>U</c>, also OpenQASM 3's: Qiskit's U3.</summary>
    public static GateDef BuiltinU(string file) => Native("U", OperationKind.U, 3, null, file);

    /// <summary>OpenQASM 2's built-in <c>CX</c>.</summary>
    public static GateDef BuiltinCX(string file) => Native("CX", OperationKind.CX, 0, null, file);

    public static GateDef GlobalPhase(string file) => new("gphase", 1, 0, GateForm.GlobalPhase, new SourceLocation(file, 0, 0));

    /// <summary>The gates of qelib1.inc that are one of our kinds exactly.</summary>
    public static IEnumerable<GateDef> Qelib1Natives()
    {
        const string f = Qelib1;
        yield return Native("u3", OperationKind.U, 3, null, f);
        yield return Native("u2", OperationKind.U, 2, U2, f);
        yield return Native("u1", OperationKind.P, 1, null, f);
        yield return Native("id", OperationKind.I, 0, null, f);
        yield return Native("u0", OperationKind.I, 1, static _ => [], f);
        yield return Native("u", OperationKind.U, 3, null, f);
        yield return Native("p", OperationKind.P, 1, null, f);
        foreach (var d in Common(f))
        {
            yield return d;
        }

        yield return Native("sxdg", OperationKind.SXdg, 0, null, f);
        yield return Native("cu1", OperationKind.CP, 1, null, f);
        yield return Native("rxx", OperationKind.RXX, 1, null, f);
        yield return Native("rzz", OperationKind.RZZ, 1, null, f);
    }

    /// <summary>qelib1.inc gates without a kind of their own, as Qiskit's qelib1.inc defines them.
    /// c4x applies the inverse of rc3x the second time (written out, since OpenQASM 2 has no
    /// inv), as Qiskit's C4XGate does: with rc3x twice the result is not a 4-controlled X.</summary>
    public const string Qelib1Bodies = """
        gate cu3(theta,phi,lambda) c, t { u1((lambda+phi)/2) c; u1((lambda-phi)/2) t; cx c,t; u3(-theta/2,0,-(phi+lambda)/2) t; cx c,t; u3(theta/2,phi,0) t; }
        gate csx a,b { h b; cu1(pi/2) a,b; h b; }
        gate cu(theta,phi,lambda,gamma) c, t { p(gamma) c; p((lambda+phi)/2) c; p((lambda-phi)/2) t; cx c,t; u(-theta/2,0,-(phi+lambda)/2) t; cx c,t; u(theta/2,phi,0) t; }
        gate rccx a,b,c { u2(0,pi) c; u1(pi/4) c; cx b, c; u1(-pi/4) c; cx a, c; u1(pi/4) c; cx b, c; u1(-pi/4) c; u2(0,pi) c; }
        gate rc3x a,b,c,d { u2(0,pi) d; u1(pi/4) d; cx c,d; u1(-pi/4) d; u2(0,pi) d; cx a,d; u1(pi/4) d; cx b,d; u1(-pi/4) d; cx a,d; u1(pi/4) d; cx b,d; u1(-pi/4) d; u2(0,pi) d; u1(pi/4) d; cx c,d; u1(-pi/4) d; u2(0,pi) d; }
        gate c3x a,b,c,d { h d; cu1(pi/4) a,d; h d; cx a,b; h d; cu1(-pi/4) b,d; h d; cx a,b; h d; cu1(pi/4) b,d; h d; cx b,c; h d; cu1(-pi/4) c,d; h d; cx a,c; h d; cu1(pi/4) c,d; h d; cx b,c; h d; cu1(-pi/4) c,d; h d; cx a,c; h d; cu1(pi/4) c,d; h d; }
        gate c3sqrtx a,b,c,d { h d; cu1(pi/8) a,d; h d; cx a,b; h d; cu1(-pi/8) b,d; h d; cx a,b; h d; cu1(pi/8) b,d; h d; cx b,c; h d; cu1(-pi/8) c,d; h d; cx a,c; h d; cu1(pi/8) c,d; h d; cx b,c; h d; cu1(-pi/8) c,d; h d; cx a,c; h d; cu1(pi/8) c,d; h d; }
        gate c4x a,b,c,d,e { h e; cu1(pi/2) d,e; h e; rc3x a,b,c,d; h e; cu1(-pi/2) d,e; h e; u2(0,pi) d; u1(pi/4) d; cx c,d; u1(-pi/4) d; u2(0,pi) d; u1(pi/4) d; cx b,d; u1(-pi/4) d; cx a,d; u1(pi/4) d; cx b,d; u1(-pi/4) d; cx a,d; u2(0,pi) d; u1(pi/4) d; cx c,d; u1(-pi/4) d; u2(0,pi) d; c3sqrtx a,b,c,e; }
        """;

    /// <summary>The gates of stdgates.inc that are one of our kinds exactly (Qiskit's reading).</summary>
    public static IEnumerable<GateDef> StdGatesNatives()
    {
        const string f = StdGates;
        yield return Native("p", OperationKind.P, 1, null, f);
        foreach (var d in Common(f))
        {
            yield return d;
        }

        yield return Native("CX", OperationKind.CX, 0, null, f);
        yield return Native("phase", OperationKind.P, 1, null, f);
        yield return Native("cphase", OperationKind.CP, 1, null, f);
        yield return Native("id", OperationKind.I, 0, null, f);
        yield return Native("u1", OperationKind.P, 1, null, f);
        yield return Native("u2", OperationKind.U, 2, U2, f);
        yield return Native("u3", OperationKind.U, 3, null, f);
    }

    /// <summary>stdgates.inc's cu, written as Qiskit's CU (see the class remarks).</summary>
    public const string StdGatesBodies = """
        gate cu(theta,phi,lambda,gamma) c, t { p(gamma) c; p((lambda+phi)/2) c; p((lambda-phi)/2) t; cx c,t; u3(-theta/2,0,-(phi+lambda)/2) t; cx c,t; u3(theta/2,phi,0) t; }
        """;

    private static IEnumerable<GateDef> Common(string f)
    {
        yield return Native("x", OperationKind.X, 0, null, f);
        yield return Native("y", OperationKind.Y, 0, null, f);
        yield return Native("z", OperationKind.Z, 0, null, f);
        yield return Native("h", OperationKind.H, 0, null, f);
        yield return Native("s", OperationKind.S, 0, null, f);
        yield return Native("sdg", OperationKind.Sdg, 0, null, f);
        yield return Native("t", OperationKind.T, 0, null, f);
        yield return Native("tdg", OperationKind.Tdg, 0, null, f);
        yield return Native("sx", OperationKind.SX, 0, null, f);
        yield return Native("rx", OperationKind.RX, 1, null, f);
        yield return Native("ry", OperationKind.RY, 1, null, f);
        yield return Native("rz", OperationKind.RZ, 1, null, f);
        yield return Native("cx", OperationKind.CX, 0, null, f);
        yield return Native("cy", OperationKind.CY, 0, null, f);
        yield return Native("cz", OperationKind.CZ, 0, null, f);
        yield return Native("cp", OperationKind.CP, 1, null, f);
        yield return Native("crx", OperationKind.CRX, 1, null, f);
        yield return Native("cry", OperationKind.CRY, 1, null, f);
        yield return Native("crz", OperationKind.CRZ, 1, null, f);
        yield return Native("ch", OperationKind.CH, 0, null, f);
        yield return Native("swap", OperationKind.Swap, 0, null, f);
        yield return Native("ccx", OperationKind.CCX, 0, null, f);
        yield return Native("cswap", OperationKind.CSwap, 0, null, f);
    }

    private static Angle[] U2(Angle[] p) => [Pi / 2, p[0], p[1]];

    private static GateDef Native(string name, OperationKind kind, int parameters, Func<Angle[], Angle[]>? map, string file) =>
        new(name, parameters, GateDefinition.Of(kind).QubitCount, GateForm.Native, new SourceLocation(file, 0, 0))
        {
            Kind = kind,
            MapAngles = map,
        };
}
