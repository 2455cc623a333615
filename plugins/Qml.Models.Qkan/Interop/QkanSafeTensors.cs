using Qml.Learning.Checkpoints;
using Qml.Learning.Layers;

namespace Qml.Models.Qkan.Interop;

/// <summary>
/// Weights as safetensors under the reference's names and natural shapes ("layers.0.theta"
/// [O, I, r+1, K], "layers.0.preacts_weight" [O, I, r], base_weight, postact_weights,
/// postact_bias, mask [O, I]), frozen tensors included, so a model trained by the reference
/// library loads here and the other way round. The reference's p_dim=2 layout, the same data
/// flattened to [O·I, …], is accepted on load.
/// </summary>
public static class QkanSafeTensors
{
    /// <summary>Writes every parameter and buffer of <paramref name="model"/> (float64).</summary>
    public static void Save(Module model, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var tensors = new Dictionary<string, SafeTensor>(StringComparer.Ordinal);
        foreach (var (name, tensor) in Expected(model))
        {
            tensors[name] = new SafeTensor(tensor.Shape, tensor.ToArray());
        }

        SafeTensorsFile.Write(path, tensors, metadata);
    }

    /// <summary>Reads <paramref name="path"/> into <paramref name="model"/>; throws listing every mismatch.</summary>
    public static void Load(Module model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        var (tensors, _) = SafeTensorsFile.Read(path);
        Apply(model, tensors, path);
    }

    /// <summary>Copies <paramref name="tensors"/> into the model's tensors after checking all names and shapes.</summary>
    public static void Apply(Module model, IReadOnlyDictionary<string, SafeTensor> tensors, string source = "the checkpoint")
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tensors);
        var problems = Validate(model, tensors);
        if (problems.Count > 0)
        {
            throw new CheckpointException($"{source} does not fit this model ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}):{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", problems)}");
        }

        foreach (var (name, tensor) in Expected(model))
        {
            tensors[name].Values.CopyTo(tensor.Data);
        }
    }

    /// <summary>Every missing, unexpected or mis-shaped tensor, one readable line each; empty when the file fits.</summary>
    public static IReadOnlyList<string> Validate(Module model, IReadOnlyDictionary<string, SafeTensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tensors);
        var problems = new List<string>();
        var expected = Expected(model).ToList();
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, tensor) in expected)
        {
            known.Add(name);
            if (!tensors.TryGetValue(name, out var stored))
            {
                problems.Add($"missing '{name}' (expected shape {Format(tensor.Shape)})");
            }
            else if (!Fits(tensor.Shape, stored.Shape))
            {
                problems.Add($"'{name}' has shape {Format(stored.Shape)}; the model expects {Format(tensor.Shape)}");
            }
        }

        foreach (var name in tensors.Keys.Where(n => !known.Contains(n)).OrderBy(n => n, StringComparer.Ordinal))
        {
            problems.Add($"unexpected '{name}' {Format(tensors[name].Shape)} (no such tensor in the model)");
        }

        return problems;
    }

    private static IEnumerable<(string Name, Qml.Learning.Tensors.Tensor Tensor)> Expected(Module model)
    {
        foreach (var (name, p) in model.NamedParameters())
        {
            yield return (name, p.Value);
        }

        foreach (var (name, buffer) in model.NamedBuffers())
        {
            yield return (name, buffer);
        }
    }

    /// <summary>Equal shapes, or the reference's p_dim=2 form [d0·d1, d2, …] of [d0, d1, d2, …].</summary>
    private static bool Fits(int[] expected, int[] stored)
    {
        if (expected.SequenceEqual(stored))
        {
            return true;
        }

        return expected.Length >= 2 && stored.Length == expected.Length - 1
            && stored[0] == expected[0] * expected[1] && stored.AsSpan(1).SequenceEqual(expected.AsSpan(2));
    }

    private static string Format(int[] shape) => $"({string.Join(", ", shape)})";
}
