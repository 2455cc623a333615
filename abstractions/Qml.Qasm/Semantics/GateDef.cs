using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;
using Qml.Qasm.Syntax;

namespace Qml.Qasm.Semantics;

internal enum GateForm
{
    /// <summary>Maps to one <see cref="OperationKind"/> (with its angles rearranged).</summary>
    Native,

    /// <summary>Expands through its body.</summary>
    Body,

    /// <summary>Declared without a body: naming it is fine, applying it is an error.</summary>
    Opaque,

    /// <summary>OpenQASM 3's <c>gphase(θ)</c>: no qubits, adds θ to the global phase.</summary>
    GlobalPhase,
}

/// <summary>A gate the program can call: a built-in, a library gate or a user definition.</summary>
internal sealed class GateDef(string name, int parameterCount, int qubitCount, GateForm form, SourceLocation location)
{
    public string Name { get; } = name;

    public int ParameterCount { get; } = parameterCount;

    public int QubitCount { get; } = qubitCount;

    public GateForm Form { get; } = form;

    public SourceLocation Location { get; } = location;

    public OperationKind Kind { get; init; }

    /// <summary>Rearranges the call's parameters into the native kind's angles; null means "as is".</summary>
    public Func<Angle[], Angle[]>? MapAngles { get; init; }

    public List<GateStatement> Body { get; } = [];

    /// <summary>Number of operations one call emits (saturating), to refuse exponential
    /// expansions before doing them.</summary>
    public long ExpandedSize { get; set; } = 1;

    /// <summary>Nesting depth of definitions below this gate (natives are 0).</summary>
    public int Depth { get; set; }
}

internal enum ModifierKind
{
    Control,
    NegativeControl,
    Inverse,
    Power,
}

/// <summary>A gate modifier with its constant argument (control count or exponent).</summary>
internal readonly record struct Modifier(ModifierKind Kind, double Argument, SourceLocation Location)
{
    public int AddedQubits => Kind is ModifierKind.Control or ModifierKind.NegativeControl ? (int)Argument : 0;
}

/// <summary>One call inside a gate body, resolved when the gate is defined.</summary>
internal sealed class GateStatement(GateDef target, Modifier[] modifiers, Expr[] arguments, int[] qubits, SourceLocation location)
{
    public GateDef Target { get; } = target;

    public Modifier[] Modifiers { get; } = modifiers;

    public Expr[] Arguments { get; } = arguments;

    /// <summary>Indices into the enclosing gate's qubit parameters.</summary>
    public int[] Qubits { get; } = qubits;

    public SourceLocation Location { get; } = location;
}
