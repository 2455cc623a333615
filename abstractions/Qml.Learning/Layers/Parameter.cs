using Qml.Learning.Tensors;

namespace Qml.Learning.Layers;

/// <summary>
/// A trainable leaf tensor owned by a <see cref="Module"/>. Its <see cref="Value"/> always requires
/// gradients; optimizers update <see cref="Value"/>'s data in place, so graphs built before a step
/// see the old values only if they copied them.
/// </summary>
public sealed class Parameter
{
    public Parameter(string name, Tensor value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        if (!value.IsLeaf)
        {
            throw new ArgumentException($"Parameter '{name}' must be a leaf tensor; pass a detached copy.", nameof(value));
        }

        Name = name;
        Value = value;
        Value.RequiresGrad = true;
    }

    /// <summary>The local name within its module ("weight"); <see cref="Module.NamedParameters"/> gives the dotted path.</summary>
    public string Name { get; }

    public Tensor Value { get; }

    /// <summary>dL/dValue from the last backward passes, or null.</summary>
    public Tensor? Grad => Value.Grad;

    public int[] Shape => Value.Shape;

    public int Length => Value.Length;

    public static implicit operator Tensor(Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return parameter.Value;
    }

    public void ZeroGrad() => Value.ZeroGrad();

    public override string ToString() => $"Parameter {Name} {Value}";
}
