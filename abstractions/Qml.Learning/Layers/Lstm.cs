using Qml.Learning.Tensors;

namespace Qml.Learning.Layers;

/// <summary>
/// A single-layer LSTM unrolled over [batch, time, features] (batch first), with PyTorch's
/// nn.LSTM parameter names (weight_ih_l0, …) so checkpoints line up. Stack two for depth.
/// </summary>
public sealed class Lstm : Module
{
    /// <summary>Creates the layer with every weight and bias drawn from U(±1/√hiddenSize), as PyTorch does.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size ≤ 0.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    public Lstm(int inputSize, int hiddenSize, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hiddenSize);
        ArgumentNullException.ThrowIfNull(random);
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        WeightIh = RegisterParameter("weight_ih_l0", LstmMath.Uniform(random, hiddenSize, 4 * hiddenSize, inputSize));
        WeightHh = RegisterParameter("weight_hh_l0", LstmMath.Uniform(random, hiddenSize, 4 * hiddenSize, hiddenSize));
        BiasIh = RegisterParameter("bias_ih_l0", LstmMath.Uniform(random, hiddenSize, 4 * hiddenSize));
        BiasHh = RegisterParameter("bias_hh_l0", LstmMath.Uniform(random, hiddenSize, 4 * hiddenSize));
    }

    /// <summary>As the other constructor, with <c>new Random(<paramref name="seed"/>)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size ≤ 0.</exception>
    public Lstm(int inputSize, int hiddenSize, int seed)
        : this(inputSize, hiddenSize, new Random(seed))
    {
    }

    /// <summary>Features per time step (the input's last axis).</summary>
    public int InputSize { get; }

    /// <summary>Size H of the hidden and cell states.</summary>
    public int HiddenSize { get; }

    /// <summary>Input-to-hidden weights [4H, InputSize], gates stacked in PyTorch order input, forget, cell, output (<c>weight_ih_l0</c>).</summary>
    public Parameter WeightIh { get; }

    /// <summary>Hidden-to-hidden weights [4H, H], same gate order (<c>weight_hh_l0</c>).</summary>
    public Parameter WeightHh { get; }

    /// <summary>Input-side bias [4H] (<c>bias_ih_l0</c>).</summary>
    public Parameter BiasIh { get; }

    /// <summary>Hidden-side bias [4H] (<c>bias_hh_l0</c>).</summary>
    public Parameter BiasHh { get; }

    /// <summary>Runs every time step from <paramref name="initial"/> (zeros when null).</summary>
    public LstmOutput Run(Tensor input, LstmState? initial = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 3 || input.Dim(2) != InputSize || input.Dim(1) == 0)
        {
            throw new ArgumentException($"Lstm needs [batch, time ≥ 1, {InputSize}]; got [{string.Join(", ", input.Shape)}].", nameof(input));
        }

        int batch = input.Dim(0), steps = input.Dim(1);
        LstmState state = initial ?? new LstmState(Tensor.Zeros(batch, HiddenSize), Tensor.Zeros(batch, HiddenSize));
        var outputs = new Tensor[steps];
        for (int t = 0; t < steps; t++)
        {
            state = LstmMath.Step(Ops.Select(input, 1, t), state, WeightIh.Value, WeightHh.Value, BiasIh.Value, BiasHh.Value);
            outputs[t] = state.H;
        }

        return new LstmOutput(Ops.Stack(outputs, 1), state);
    }

    /// <summary>All hidden states, [batch, time, hidden].</summary>
    public override Tensor Forward(Tensor input) => Run(input).Outputs;
}
