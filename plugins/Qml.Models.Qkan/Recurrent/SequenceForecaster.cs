using Qml.Learning.Layers;
using Qml.Learning.Tensors;

namespace Qml.Models.Qkan.Recurrent;

/// <summary>Which hidden states the head reads.</summary>
public enum SequenceHead
{
    /// <summary>The last hidden state → Linear → [batch, outputs].</summary>
    SequenceToOne,

    /// <summary>Every hidden state → the same Linear → [batch, time·outputs] (row-major [time, outputs]).</summary>
    SequenceToSequence,
}

/// <summary>
/// A recurrent module over [batch, time, features] (its Forward gives [batch, time, hidden]) with a Linear
/// head. Takes flattened windows [batch, time·features] (what forecasting datasets hold) or [batch, time, features].
/// </summary>
public sealed class SequenceForecaster : Module
{
    public SequenceForecaster(Module recurrent, int sequenceLength, int stepFeatures, int hiddenSize, int outputs, Random random, SequenceHead head = SequenceHead.SequenceToOne)
    {
        ArgumentNullException.ThrowIfNull(recurrent);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sequenceLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepFeatures);
        SequenceLength = sequenceLength;
        StepFeatures = stepFeatures;
        Head = head;
        Recurrent = RegisterModule("recurrent", recurrent);
        Linear = RegisterModule("head", new Dense(hiddenSize, outputs, random));
    }

    public int SequenceLength { get; }

    public int StepFeatures { get; }

    public SequenceHead Head { get; }

    public Module Recurrent { get; }

    public Dense Linear { get; }

    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Tensor sequence = input.Rank == 3 ? input : Ops.Reshape(input, input.Dim(0), SequenceLength, StepFeatures);
        Tensor hidden = Recurrent.Forward(sequence);
        int batch = sequence.Dim(0), steps = sequence.Dim(1);
        if (Head == SequenceHead.SequenceToOne)
        {
            return Linear.Forward(Ops.Select(hidden, 1, steps - 1));
        }

        Tensor flat = Ops.Reshape(hidden, batch * steps, hidden.Dim(2));
        return Ops.Reshape(Linear.Forward(flat), batch, steps * Linear.OutFeatures);
    }
}
