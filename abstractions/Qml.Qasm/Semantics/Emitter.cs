using Qml.Abstractions.Circuits;
using Qml.Qasm.Syntax;

namespace Qml.Qasm.Semantics;

/// <summary>Collects expanded operations and global phase, enforcing the operation limit.</summary>
internal sealed class Emitter(int limit)
{
    public List<Operation> Operations { get; } = [];

    public Angle Phase { get; set; }

    /// <summary>The statement being expanded: where a limit error points.</summary>
    public SourceLocation Site { get; set; }

    public int Limit { get; } = limit;

    public void Add(Operation operation)
    {
        if (Operations.Count >= Limit)
        {
            throw Site.Error($"the program expands to more than {Limit} operations (QasmReaderOptions.MaxOperations)");
        }

        Operations.Add(operation);
    }

    public void Reserve(long more)
    {
        if (Operations.Count + more > Limit)
        {
            throw Site.Error($"the program expands to more than {Limit} operations (QasmReaderOptions.MaxOperations)");
        }
    }
}
