using Qml.Learning.Layers;
using Qml.Learning.Tensors;

namespace Qml.Learning.Training;

/// <summary>
/// A copy of a network's parameters and buffers taken at its best validation epoch. The copy's
/// arrays are allocated once; capturing and restoring only copy values.
/// </summary>
internal sealed class BestWeights
{
    private readonly List<(string Name, Tensor Value)> _live;
    private readonly List<(string Name, Tensor Value)> _copy;

    public BestWeights(Module network)
    {
        _live = Checkpoint.NetworkTensors(network);
        _copy = [.. _live.Select(t => (t.Name, Tensor.Zeros(t.Value.Shape)))];
    }

    /// <summary>The copy under the checkpoint's tensor names.</summary>
    public IReadOnlyList<(string Name, Tensor Value)> Copy => _copy;

    /// <summary>Takes the network's current values as the best ones.</summary>
    public void Capture()
    {
        for (var i = 0; i < _live.Count; i++)
        {
            _live[i].Value.Data.CopyTo(_copy[i].Value.Data);
        }
    }

    /// <summary>Puts the best values back into the network.</summary>
    public void RestoreInto()
    {
        for (var i = 0; i < _live.Count; i++)
        {
            _copy[i].Value.Data.CopyTo(_live[i].Value.Data);
        }
    }

    /// <summary>A snapshot of the network's current values (for the checkpoint's last-epoch file).</summary>
    public List<(string Name, Tensor Value)> SnapshotOfNetwork() => [.. _live.Select(t => (t.Name, t.Value.Clone()))];
}
