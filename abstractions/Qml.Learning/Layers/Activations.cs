using Qml.Learning.Tensors;

namespace Qml.Learning.Layers;

/// <summary>max(x, 0).</summary>
public sealed class Relu : Module
{
    public override Tensor Forward(Tensor input) => Ops.Relu(input);
}

public sealed class Tanh : Module
{
    public override Tensor Forward(Tensor input) => Ops.Tanh(input);
}

public sealed class Sigmoid : Module
{
    public override Tensor Forward(Tensor input) => Ops.Sigmoid(input);
}

/// <summary>x·σ(x).</summary>
public sealed class Silu : Module
{
    public override Tensor Forward(Tensor input) => Ops.Silu(input);
}

/// <summary>Softmax along an axis (the last by default).</summary>
public sealed class Softmax(int axis = -1) : Module
{
    public override Tensor Forward(Tensor input) => Ops.Softmax(input, axis);
}

/// <summary>Flattens all but the first axis.</summary>
public sealed class Flatten : Module
{
    public override Tensor Forward(Tensor input) => Ops.Flatten(input);
}
