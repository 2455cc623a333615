using Qml.Learning.Layers;
using Qml.Learning.Tensors;

namespace Qml.Models.Qkan.Recurrent;

/// <summary>
/// An LSTM cell whose four gate maps z = [h, x] → hidden (input, forget, cell, output, PyTorch's
/// order) are arbitrary modules, keeping the classical nonlinearities:
/// i = σ(G_i z), f = σ(G_f z), g = tanh(G_g z), o = σ(G_o z), c' = f⊙c + i⊙g, h' = o⊙tanh(c').
/// The classical cell is the case G = Linear; QKAN-LSTM and HQKAN-LSTM swap in QKAN maps.
/// </summary>
public abstract class GatedLstmCell : Module
{
    private static readonly string[] GateNames = ["input", "forget", "cell", "output"];
    private readonly Module[] _gates = new Module[4];

    protected GatedLstmCell(int inputSize, int hiddenSize, Func<int, int, Module> gate)
        : this(inputSize, hiddenSize)
    {
        ArgumentNullException.ThrowIfNull(gate);
        for (int k = 0; k < 4; k++)
        {
            _gates[k] = RegisterModule(GateNames[k], gate(hiddenSize + inputSize, hiddenSize));
        }
    }

    /// <summary>For cells that override <see cref="Preactivations"/> instead of giving one module per gate.</summary>
    protected GatedLstmCell(int inputSize, int hiddenSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hiddenSize);
        InputSize = inputSize;
        HiddenSize = hiddenSize;
    }

    public int InputSize { get; }

    public int HiddenSize { get; }

    /// <summary>The gate maps in the order input, forget, cell, output (empty when a subclass computes them together).</summary>
    public IReadOnlyList<Module> Gates => _gates[0] is null ? [] : _gates;

    /// <summary>Advances <paramref name="state"/> (zeros when null) by x [batch, input].</summary>
    public LstmState Step(Tensor input, LstmState? state = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 2 || input.Dim(1) != InputSize)
        {
            throw new ArgumentException($"{GetType().Name} needs [batch, {InputSize}]; got [{string.Join(", ", input.Shape)}].", nameof(input));
        }

        int batch = input.Dim(0);
        state ??= new LstmState(Tensor.Zeros(batch, HiddenSize), Tensor.Zeros(batch, HiddenSize));
        var (pi, pf, pg, po) = Preactivations(state.H, input);
        Tensor i = Ops.Sigmoid(pi);
        Tensor f = Ops.Sigmoid(pf);
        Tensor g = Ops.Tanh(pg);
        Tensor o = Ops.Sigmoid(po);
        Tensor c = Ops.Add(Ops.Mul(f, state.C), Ops.Mul(i, g));
        return new LstmState(Ops.Mul(o, Ops.Tanh(c)), c);
    }

    /// <summary>The four gate pre-activations [batch, hidden] (input, forget, cell, output) from h [batch, hidden] and x [batch, input].</summary>
    protected virtual (Tensor Input, Tensor Forget, Tensor Cell, Tensor Output) Preactivations(Tensor hidden, Tensor input)
    {
        Tensor z = Ops.Concat([hidden, input], 1);
        return (_gates[0].Forward(z), _gates[1].Forward(z), _gates[2].Forward(z), _gates[3].Forward(z));
    }

    /// <summary>Runs every step of [batch, time ≥ 1, input] from <paramref name="initial"/> (zeros when null).</summary>
    public LstmOutput Run(Tensor input, LstmState? initial = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 3 || input.Dim(2) != InputSize || input.Dim(1) == 0)
        {
            throw new ArgumentException($"{GetType().Name} needs [batch, time ≥ 1, {InputSize}]; got [{string.Join(", ", input.Shape)}].", nameof(input));
        }

        int steps = input.Dim(1);
        LstmState? state = initial;
        var outputs = new Tensor[steps];
        for (int t = 0; t < steps; t++)
        {
            state = Step(Ops.Select(input, 1, t), state);
            outputs[t] = state.H;
        }

        return new LstmOutput(Ops.Stack(outputs, 1), state!);
    }

    /// <summary>All hidden states, [batch, time, hidden].</summary>
    public override Tensor Forward(Tensor input) => Run(input).Outputs;
}
