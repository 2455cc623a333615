using Qml.Learning.Tensors;

namespace Qml.Learning.Layers;

/// <summary>An LSTM's hidden and cell state, each [batch, hidden].</summary>
public sealed record LstmState(Tensor H, Tensor C);

/// <summary>An unrolled LSTM's hidden state at every step ([batch, time, hidden]) and its final state.</summary>
public sealed record LstmOutput(Tensor Outputs, LstmState Final);
