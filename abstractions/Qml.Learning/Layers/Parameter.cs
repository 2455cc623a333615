using Qml.Learning.Tensors;

namespace Qml.Learning.Layers;

/// <summary>
/// A trainable leaf tensor owned by a <see cref="Module"/>. Its <see cref="Value"/> always requires
/// gradients; optimizers update <see cref="Value"/>'s data in place, so graphs built before a step
/// see the old values only if they copied them.
/// </summary>
public sealed class Parameter
{
    /// <summary>Wraps <paramref name="value"/> (not copied) and sets its RequiresGrad.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or whitespace, or <paramref name="value"/> is not a leaf.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
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

    /// <summary>The trainable leaf tensor; it always requires gradients.</summary>
    public Tensor Value { get; }

    /// <summary>dL/dValue from the last backward passes, or null.</summary>
    public Tensor? Grad => Value.Grad;

    /// <summary>A copy of the shape of <see cref="Value"/>.</summary>
    public int[] Shape => Value.Shape;

    /// <summary>The number of scalars in <see cref="Value"/>.</summary>
    public int Length => Value.Length;

    /// <summary>The parameter's <see cref="Value"/>, so a parameter can be used wherever a tensor is expected.</summary>
    public static implicit operator Tensor(Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return parameter.Value;
    }

    /// <summary>Clears <see cref="Grad"/>.</summary>
    public void ZeroGrad() => Value.ZeroGrad();

    /// <summary>The name and the value's summary, for debugging.</summary>
    public override string ToString() => $"Parameter {Name} {Value}";
}
