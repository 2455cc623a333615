using Qml.Learning.Tensors;

namespace Qml.Learning.Layers;

/// <summary>
/// A layer or model: a forward function plus named parameters, buffers (non-trained state such
/// as running statistics) and child modules. Names compose with dots ("0.weight",
/// "encoder.cell.bias"), the keys checkpoints store, as in PyTorch's state_dict.
/// </summary>
public abstract class Module
{
    private readonly List<Parameter> _parameters = [];
    private readonly List<(string Name, Tensor Value)> _buffers = [];
    private readonly List<(string Name, Module Module)> _children = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    /// <summary>True in training mode (dropout active, batch statistics), false in evaluation mode.</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>Computes the module's output for <paramref name="input"/>, recording the graph when gradients are enabled; shapes are the module's own contract.</summary>
    public abstract Tensor Forward(Tensor input);

    /// <summary>Every parameter of this module and its descendants, depth-first in registration order, with dotted names.</summary>
    public IEnumerable<(string Name, Parameter Parameter)> NamedParameters()
    {
        foreach (Parameter p in _parameters)
        {
            yield return (p.Name, p);
        }

        foreach ((string childName, Module child) in _children)
        {
            foreach ((string name, Parameter p) in child.NamedParameters())
            {
                yield return ($"{childName}.{name}", p);
            }
        }
    }

    /// <summary>The parameters in <see cref="NamedParameters"/> order (the order optimizer state refers to).</summary>
    public IReadOnlyList<Parameter> Parameters()
    {
        var list = new List<Parameter>();
        foreach ((_, Parameter p) in NamedParameters())
        {
            list.Add(p);
        }

        return list;
    }

    /// <summary>Non-trained state (e.g. "1.running_mean") that a checkpoint must also save.</summary>
    public IEnumerable<(string Name, Tensor Value)> NamedBuffers()
    {
        foreach ((string name, Tensor value) in _buffers)
        {
            yield return (name, value);
        }

        foreach ((string childName, Module child) in _children)
        {
            foreach ((string name, Tensor value) in child.NamedBuffers())
            {
                yield return ($"{childName}.{name}", value);
            }
        }
    }

    /// <summary>The direct child modules with their local names, in registration order.</summary>
    public IEnumerable<(string Name, Module Module)> NamedChildren() => _children;

    /// <summary>The number of trainable scalars.</summary>
    public int ParameterCount
    {
        get
        {
            int count = 0;
            foreach ((_, Parameter p) in NamedParameters())
            {
                count += p.Length;
            }

            return count;
        }
    }

    /// <summary>Switches this module and its descendants to training (or, with false, evaluation) mode.</summary>
    public Module Train(bool training = true)
    {
        IsTraining = training;
        foreach ((_, Module child) in _children)
        {
            child.Train(training);
        }

        return this;
    }

    /// <summary>Switches this module and its descendants to evaluation mode; the same as <c>Train(false)</c>.</summary>
    public Module Eval() => Train(false);

    /// <summary>Clears the gradient of every parameter of this module and its descendants.</summary>
    public void ZeroGrad()
    {
        foreach ((_, Parameter p) in NamedParameters())
        {
            p.ZeroGrad();
        }
    }

    /// <summary>Registers <paramref name="value"/> as a trainable parameter named <paramref name="name"/> (sets its RequiresGrad).</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty, contains '.', or is already used in this module.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a leaf tensor.</exception>
    protected Parameter RegisterParameter(string name, Tensor value)
    {
        ClaimName(name);
        var p = new Parameter(name, value);
        _parameters.Add(p);
        return p;
    }

    /// <summary>Registers state the module updates itself (not by gradients); its data is changed in place.</summary>
    protected Tensor RegisterBuffer(string name, Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        ClaimName(name);
        _buffers.Add((name, value));
        return value;
    }

    /// <summary>Registers <paramref name="module"/> as a child named <paramref name="name"/>, switching it to this module's mode.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty, contains '.', or is already used in this module.</exception>
    protected T RegisterModule<T>(string name, T module)
        where T : Module
    {
        ArgumentNullException.ThrowIfNull(module);
        ClaimName(name);
        _children.Add((name, module));
        module.Train(IsTraining);
        return module;
    }

    private void ClaimName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Contains('.', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Name '{name}' may not contain '.', which separates path segments.", nameof(name));
        }

        if (!_names.Add(name))
        {
            throw new ArgumentException($"{GetType().Name} already has a member named '{name}'.", nameof(name));
        }
    }
}
