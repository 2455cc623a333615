using Qml.Learning.Tensors;

namespace Qml.Learning.Layers;

/// <summary>max(x, 0).</summary>
public sealed class Relu : Module
{
    /// <summary>Elementwise max(x, 0), any shape.</summary>
    public override Tensor Forward(Tensor input) => Ops.Relu(input);
}

/// <summary>Elementwise tanh, any shape.</summary>
public sealed class Tanh : Module
{
    /// <summary>Elementwise tanh x, same shape as <paramref name="input"/>.</summary>
    public override Tensor Forward(Tensor input) => Ops.Tanh(input);
}

/// <summary>Elementwise logistic σ(x) = 1 / (1 + e^−x), any shape.</summary>
public sealed class Sigmoid : Module
{
    /// <summary>Elementwise σ(x), same shape as <paramref name="input"/>.</summary>
    public override Tensor Forward(Tensor input) => Ops.Sigmoid(input);
}

/// <summary>x·σ(x).</summary>
public sealed class Silu : Module
{
    /// <summary>Elementwise x·σ(x), same shape as <paramref name="input"/>.</summary>
    public override Tensor Forward(Tensor input) => Ops.Silu(input);
}

/// <summary>Softmax along an axis (the last by default).</summary>
public sealed class Softmax(int axis = -1) : Module
{
    /// <summary>Softmax along the configured axis (negative counts from the end); same shape as <paramref name="input"/>.</summary>
    public override Tensor Forward(Tensor input) => Ops.Softmax(input, axis);
}

/// <summary>Flattens all but the first axis.</summary>
public sealed class Flatten : Module
{
    /// <summary>[N, d1, d2, …] → [N, d1·d2·…], a view sharing storage.</summary>
    public override Tensor Forward(Tensor input) => Ops.Flatten(input);
}
