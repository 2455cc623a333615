using Qml.Learning.Tensors;

namespace Qml.Learning.Layers;

/// <summary>One LSTM step with PyTorch's gate order (input, forget, cell, output) and weight layout.</summary>
internal static class LstmMath
{
    public static LstmState Step(Tensor x, LstmState state, Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh)
    {
        int hidden = weightHh.Dim(1);
        Tensor gates = Ops.Add(Ops.Linear(x, weightIh, biasIh), Ops.Linear(state.H, weightHh, biasHh));
        Tensor i = Ops.Sigmoid(Ops.Narrow(gates, 1, 0, hidden));
        Tensor f = Ops.Sigmoid(Ops.Narrow(gates, 1, hidden, hidden));
        Tensor g = Ops.Tanh(Ops.Narrow(gates, 1, 2 * hidden, hidden));
        Tensor o = Ops.Sigmoid(Ops.Narrow(gates, 1, 3 * hidden, hidden));
        Tensor c = Ops.Add(Ops.Mul(f, state.C), Ops.Mul(i, g));
        Tensor h = Ops.Mul(o, Ops.Tanh(c));
        return new LstmState(h, c);
    }

    /// <summary>PyTorch's initialisation: every weight and bias U(±1/√hidden).</summary>
    public static Tensor Uniform(Random random, int hidden, params int[] shape)
    {
        double bound = 1.0 / Math.Sqrt(hidden);
        return Tensor.RandomUniform(random, shape, -bound, bound);
    }
}
