using Qml.Learning.Layers;
using Qml.Learning.Tensors;
using Qml.Models.Qkan.Layers;

namespace Qml.Models.Qkan.Recurrent;

/// <summary>
/// QKAN-LSTM with per-unit DARUAN gates (docs/qkan.md): the pre-activation of gate k of hidden unit j
/// is a sum of DARUAN subfunctions, one of each input feature and one of the unit's own previous state,
///   a_kj = Σ_i φ_kji(x_i) + ψ_kj(h_j),
/// in place of the affine map W_k·[h, x] + b_k; σ and tanh stay. Two QKAN layers hold them: a full
/// layer x → 4·hidden and a per-unit layer h → 4·hidden (output k·hidden + j reads h_j). A cell of
/// hidden size H with I inputs has 4H(I + 1) edges against the LSTM's 4H(H + I + 2) weights, so the
/// saving grows with H (at H = 64, I = 1, pz, reps 2: 3,072 against 17,152).
/// </summary>
public sealed class PerUnitQkanLstmCell : GatedLstmCell
{
    private readonly QkanLayer _input;
    private readonly QkanLayer _recurrent;
    private readonly QkanLayer[] _neighbours;
    private readonly Dense? _mixDown;
    private readonly Dense? _mixUp;
    private readonly Parameter? _gateBias;

    public PerUnitQkanLstmCell(int inputSize, int hiddenSize, QkanLayerOptions? options = null, Random? random = null, int ring = 1, int mixRank = 0, bool gateBias = false)
        : base(inputSize, hiddenSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ring);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ring, hiddenSize);
        ArgumentOutOfRangeException.ThrowIfNegative(mixRank);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(mixRank, hiddenSize);
        options ??= new QkanLayerOptions();
        random ??= new Random(0);
        _input = RegisterModule("input_map", new QkanLayer(inputSize, 4 * hiddenSize, options with { PerUnit = false }, random));
        _recurrent = RegisterModule("recurrent_map", new QkanLayer(hiddenSize, 4 * hiddenSize, options with { PerUnit = true }, random));
        _neighbours = new QkanLayer[ring - 1];
        for (int d = 1; d < ring; d++)
        {
            _neighbours[d - 1] = RegisterModule($"neighbour_map_{d}", new QkanLayer(hiddenSize, 4 * hiddenSize, options with { PerUnit = true }, random));
        }

        if (mixRank > 0)
        {
            _mixDown = RegisterModule("mix_down", new Dense(hiddenSize, mixRank, random, bias: false));
            _mixUp = RegisterModule("mix_up", new Dense(mixRank, 4 * hiddenSize, random, bias: false));
        }

        if (gateBias)
        {
            _gateBias = RegisterParameter("gate_bias", Tensor.Zeros(4 * hiddenSize));
        }
    }

    /// <summary>Rank of the linear path h → 4·hidden that lets units read each other's states (0: none).</summary>
    public int MixRank => _mixDown?.OutFeatures ?? 0;

    /// <summary>Whether each gate of each unit has a trainable bias added to its DARUAN sum.</summary>
    public bool HasGateBias => _gateBias is not null;

    /// <summary>How many units' states each unit's gates read: its own and the next Ring − 1 around the ring.</summary>
    public int Ring => _neighbours.Length + 1;

    /// <summary>x → 4·hidden: every input feature feeds every gate of every unit.</summary>
    public QkanLayer InputMap => _input;

    /// <summary>h → 4·hidden, per unit: gate k of unit j reads h_j only.</summary>
    public QkanLayer RecurrentMap => _recurrent;

    protected override (Tensor Input, Tensor Forget, Tensor Cell, Tensor Output) Preactivations(Tensor hidden, Tensor input)
    {
        Tensor a = Ops.Add(_input.Forward(input), _recurrent.Forward(hidden));
        int h = HiddenSize;
        for (int d = 1; d <= _neighbours.Length; d++)
        {
            // Unit j reads h_{(j + d) mod H}: the state rolled by d.
            Tensor rolled = Ops.Concat([Ops.Narrow(hidden, 1, d, h - d), Ops.Narrow(hidden, 1, 0, d)], 1);
            a = Ops.Add(a, _neighbours[d - 1].Forward(rolled));
        }

        if (_mixDown is not null)
        {
            a = Ops.Add(a, _mixUp!.Forward(_mixDown.Forward(hidden)));
        }

        if (_gateBias is not null)
        {
            a = Ops.Add(a, _gateBias.Value);
        }

        return (Ops.Narrow(a, 1, 0, h), Ops.Narrow(a, 1, h, h), Ops.Narrow(a, 1, 2 * h, h), Ops.Narrow(a, 1, 3 * h, h));
    }
}
