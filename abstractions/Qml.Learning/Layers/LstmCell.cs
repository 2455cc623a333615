using Qml.Learning.Tensors;

namespace Qml.Learning.Layers;

/// <summary>One LSTM step (PyTorch's nn.LSTMCell: weight_ih [4H, I], weight_hh [4H, H], bias_ih, bias_hh).</summary>
public sealed class LstmCell : Module
{
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

    public LstmCell(int inputSize, int hiddenSize, int seed)
        : this(inputSize, hiddenSize, new Random(seed))
    {
    }

    public int InputSize { get; }

    public int HiddenSize { get; }

    public Parameter WeightIh { get; }

    public Parameter WeightHh { get; }

    public Parameter BiasIh { get; }

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
