using Qml.Learning.Tensors;

namespace Qml.Learning.Layers;

/// <summary>One LSTM step (PyTorch's nn.LSTMCell: weight_ih [4H, I], weight_hh [4H, H], bias_ih, bias_hh).</summary>
public sealed class LstmCell : Module
{
    /// <summary>Creates the layer with every weight and bias drawn from U(±1/√hiddenSize), as PyTorch does.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size ≤ 0.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    public LstmCell(int inputSize, int hiddenSize, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hiddenSize);
        ArgumentNullException.ThrowIfNull(random);
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        WeightIh = RegisterParameter("weight_ih", LstmMath.Uniform(random, hiddenSize, 4 * hiddenSize, inputSize));
        WeightHh = RegisterParameter("weight_hh", LstmMath.Uniform(random, hiddenSize, 4 * hiddenSize, hiddenSize));
        BiasIh = RegisterParameter("bias_ih", LstmMath.Uniform(random, hiddenSize, 4 * hiddenSize));
        BiasHh = RegisterParameter("bias_hh", LstmMath.Uniform(random, hiddenSize, 4 * hiddenSize));
    }

    /// <summary>As the other constructor, with <c>new Random(<paramref name="seed"/>)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size ≤ 0.</exception>
    public LstmCell(int inputSize, int hiddenSize, int seed)
        : this(inputSize, hiddenSize, new Random(seed))
    {
    }

    /// <summary>Features per time step (the input's last axis).</summary>
    public int InputSize { get; }

    /// <summary>Size H of the hidden and cell states.</summary>
    public int HiddenSize { get; }

    /// <summary>Input-to-hidden weights [4H, InputSize], gates stacked in PyTorch order input, forget, cell, output (<c>weight_ih</c>).</summary>
    public Parameter WeightIh { get; }

    /// <summary>Hidden-to-hidden weights [4H, H], same gate order (<c>weight_hh</c>).</summary>
    public Parameter WeightHh { get; }

    /// <summary>Input-side bias [4H] (<c>bias_ih</c>).</summary>
    public Parameter BiasIh { get; }

    /// <summary>Hidden-side bias [4H] (<c>bias_hh</c>).</summary>
    public Parameter BiasHh { get; }

    /// <summary>Advances <paramref name="state"/> (zeros when null) by the input [batch, input].</summary>
    public LstmState Step(Tensor input, LstmState? state = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 2 || input.Dim(1) != InputSize)
        {
            throw new ArgumentException($"LstmCell needs [batch, {InputSize}]; got [{string.Join(", ", input.Shape)}].", nameof(input));
        }

        state ??= new LstmState(Tensor.Zeros(input.Dim(0), HiddenSize), Tensor.Zeros(input.Dim(0), HiddenSize));
        return LstmMath.Step(input, state, WeightIh.Value, WeightHh.Value, BiasIh.Value, BiasHh.Value);
    }

    /// <summary>The new hidden state from a zero state.</summary>
    public override Tensor Forward(Tensor input) => Step(input).H;
}
