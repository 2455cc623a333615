using Qml.Abstractions.Options;

namespace Qml.Learning.Models;

/// <summary>
/// Settings for building a model: <c>key=value</c> pairs from the command line
/// (<c>-m qubits=4</c>) or code.
/// </summary>
public sealed record ModelOptions : KeyValueOptions<ModelOptions>
{
    /// <summary>Names the options in error messages ("Model option ...").</summary>
    protected override string Subject => "Model";

    /// <summary>Throws when a key is not documented by the model, listing the valid keys.</summary>
    public void RequireKnown(string model, IEnumerable<ModelOptionInfo> known)
    {
        ArgumentNullException.ThrowIfNull(known);
        RequireKnownKeys(model, known.Select(k => k.Name));
    }
}
