using Qml.Learning.Tensors;

namespace Qml.Learning.Autodiff;

/// <summary>How an op result was made: its inputs and the map from dL/dresult to dL/dinput per input.</summary>
internal sealed class GraphNode(Tensor[] inputs, Func<Tensor, Tensor?[]> backward)
{
    public Tensor[] Inputs { get; } = inputs;

    public Func<Tensor, Tensor?[]> Backward { get; } = backward;
}
