using System.Globalization;
using System.Text.RegularExpressions;
using Qml.Learning.Checkpoints;
using Qml.Models.Qkan.Daruan;
using Qml.Models.Qkan.Layers;

namespace Qml.Models.Qkan.Interop;

/// <summary>What a reference-layout QKAN file holds: the network it describes, or why it describes none.</summary>
/// <param name="Width">[I, hidden…, O], from the layers' (O, I) shapes.</param>
/// <param name="Prefix">What precedes the layer index in the tensor names ("layers." in the reference's state dict).</param>
/// <param name="Options">Layer options rebuilding the same tensors (flags read from the values: a pre-activation that is not
/// w = 1, b = 0 must be used, so it is trainable; likewise base, post-activation weight and bias).</param>
/// <param name="AmbiguousWith">The ansatz with the same shapes (pz ↔ mix, rpz ↔ px), or null.</param>
/// <param name="Problems">Every mismatch, one line each (tensor name, expected and found shape); empty when the file fits.</param>
public sealed record ReferenceLayoutReport(
    IReadOnlyList<int> Width,
    string Prefix,
    QkanLayerOptions Options,
    Ansatz? AmbiguousWith,
    IReadOnlyList<string> Problems)
{
    public bool Fits => Problems.Count == 0;
}

/// <summary>
/// Reads the reference library's QKAN state dict layout (spec §4–5): per layer "{prefix}{l}.theta"
/// (O, I, r+1, K) — (O, I, r, 1) for "real" — and preacts_weight, preacts_bias (O, I, r), base_weight,
/// postact_weights, postact_bias, mask (O, I); the p_dim = 2 form flattens (O, I) to O·I. Infers width,
/// reps and ansatz from the shapes and checks every tensor against them.
/// </summary>
public static partial class ReferenceLayout
{
    private static readonly string[] EdgeTensors = ["base_weight", "postact_weights", "postact_bias", "mask"];

    /// <summary>Infers the network and lists every mismatch; <paramref name="ansatz"/> and <paramref name="readout"/> override what shapes cannot tell.</summary>
    public static ReferenceLayoutReport Inspect(IReadOnlyDictionary<string, SafeTensor> tensors, Ansatz? ansatz = null, Readout readout = Readout.Fast)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var problems = new List<string>();
        var thetas = tensors.Keys.Select(n => (Name: n, Match: ThetaName().Match(n))).Where(t => t.Match.Success).ToList();
        if (thetas.Count == 0)
        {
            problems.Add("no theta tensor: expected names like 'layers.0.theta' with shape (O, I, r+1, K)");
            return new ReferenceLayoutReport([], "layers.", new QkanLayerOptions(), null, problems);
        }

        string prefix = thetas.Select(t => t.Match.Groups["prefix"].Value).GroupBy(p => p).OrderByDescending(g => g.Count()).First().Key;
        var layers = thetas.Where(t => t.Match.Groups["prefix"].Value == prefix)
            .Select(t => int.Parse(t.Match.Groups["layer"].Value, CultureInfo.InvariantCulture)).Order().ToList();
        for (int l = 0; l < layers.Count; l++)
        {
            if (layers[l] != l)
            {
                problems.Add($"'{prefix}{l}.theta' is missing (layers are numbered 0..{layers[^1]})");
                break;
            }
        }

        // (O, I) per layer: from theta when 4-D, else from the edge tensors.
        var dims = new List<(int O, int I)>();
        for (int l = 0; l < layers.Count; l++)
        {
            var edge = EdgeDims(tensors, $"{prefix}{l}.");
            if (edge is null)
            {
                problems.Add($"layer {l}: neither a 4-D '{prefix}{l}.theta' nor a 2-D mask, postact_weights or base_weight tells its (O, I)");
                return new ReferenceLayoutReport([], prefix, new QkanLayerOptions(), null, problems);
            }

            dims.Add(edge.Value);
        }

        var width = new List<int> { dims[0].I };
        for (int l = 0; l < dims.Count; l++)
        {
            if (l > 0 && dims[l].I != dims[l - 1].O)
            {
                problems.Add($"layer {l} reads {dims[l].I} inputs but layer {l - 1} gives {dims[l - 1].O} outputs ('{prefix}{l}.mask' (O, I) = ({dims[l].O}, {dims[l].I}))");
            }

            width.Add(dims[l].O);
        }

        // Reps from the pre-activations (O, I, r); theta's steps and K then pick the ansatz family.
        var theta0 = tensors[$"{prefix}0.theta"].Shape;
        int steps = theta0[^2], k = theta0[^1];
        int reps = tensors.TryGetValue($"{prefix}0.preacts_weight", out var pre) ? pre.Shape[^1] : (k == 2 ? steps - 1 : steps);
        Ansatz family;
        Ansatz? twin;
        if (k == 2 && steps == reps + 1)
        {
            (family, twin) = (Ansatz.Pz, Ansatz.Mix);
        }
        else if (k == 1 && steps == reps + 1)
        {
            (family, twin) = (Ansatz.Rpz, Ansatz.Px);
        }
        else if (k == 1 && steps == reps)
        {
            (family, twin) = (Ansatz.Real, null);
        }
        else
        {
            problems.Add(
                $"'{prefix}0.theta' has shape {Format(theta0)}, which fits no ansatz with reps {reps} (from preacts_weight): expected (…, {reps + 1}, 2) for pz/mix, (…, {reps + 1}, 1) for rpz/px, (…, {reps}, 1) for real");
            return new ReferenceLayoutReport(width, prefix, new QkanLayerOptions(), null, problems);
        }

        Ansatz chosen = family;
        if (ansatz is { } wanted)
        {
            if (wanted != family && wanted != twin)
            {
                problems.Add($"--ansatz {AnsatzInfo.Name(wanted)} does not fit '{prefix}0.theta' {Format(theta0)}: its shapes are those of {AnsatzInfo.Name(family)}{(twin is { } t ? $" or {AnsatzInfo.Name(t)}" : "")}");
            }

            chosen = wanted;
        }

        bool preact = chosen == Ansatz.Px || AnyDiffers(tensors, prefix, layers.Count, "preacts_weight", 1.0)
            || (chosen != Ansatz.Rpz && AnyDiffers(tensors, prefix, layers.Count, "preacts_bias", 0.0));
        var options = new QkanLayerOptions
        {
            Reps = reps,
            Ansatz = chosen,
            Readout = readout,
            PreactTrainable = preact,
            BaseTrainable = AnyDiffers(tensors, prefix, layers.Count, "base_weight", 0.0),
            PostactWeightTrainable = AnyDiffers(tensors, prefix, layers.Count, "postact_weights", 1.0),
            PostactBiasTrainable = AnyDiffers(tensors, prefix, layers.Count, "postact_bias", 0.0),
        };

        // Every tensor of every layer against the shapes the inferred network has.
        var known = new HashSet<string>(StringComparer.Ordinal);
        for (int l = 0; l < dims.Count; l++)
        {
            var (o, i) = dims[l];
            int s = AnsatzInfo.ThetaSteps(chosen, reps), kk = AnsatzInfo.AnglesPerStep(chosen);
            Check($"{prefix}{l}.theta", [o, i, s, kk]);
            Check($"{prefix}{l}.preacts_weight", [o, i, reps]);
            Check($"{prefix}{l}.preacts_bias", [o, i, reps]);
            foreach (var name in EdgeTensors)
            {
                Check($"{prefix}{l}.{name}", [o, i]);
            }
        }

        foreach (var name in tensors.Keys.Where(n => !known.Contains(n)).Order(StringComparer.Ordinal))
        {
            problems.Add($"unexpected '{name}' {Format(tensors[name].Shape)}: not a tensor of the reference QKAN layout");
        }

        return new ReferenceLayoutReport(width, prefix, options, ansatz is null ? twin : null, problems);

        void Check(string name, int[] expected)
        {
            known.Add(name);
            if (!tensors.TryGetValue(name, out var found))
            {
                problems.Add($"missing '{name}': expected shape {Format(expected)}");
            }
            else if (!Fits(expected, found.Shape))
            {
                problems.Add($"'{name}': expected shape {Format(expected)}, found {Format(found.Shape)}");
            }
        }
    }

    /// <summary>The tensors renamed to the layout this plugin's QKAN uses ("layers.{l}.…").</summary>
    public static Dictionary<string, SafeTensor> Renamed(IReadOnlyDictionary<string, SafeTensor> tensors, string prefix)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        return tensors.ToDictionary(p => p.Key.StartsWith(prefix, StringComparison.Ordinal) ? "layers." + p.Key[prefix.Length..] : p.Key, p => p.Value, StringComparer.Ordinal);
    }

    public static string Format(IReadOnlyList<int> shape) => $"({string.Join(", ", shape)})";

    private static (int O, int I)? EdgeDims(IReadOnlyDictionary<string, SafeTensor> tensors, string layer)
    {
        if (tensors.TryGetValue(layer + "theta", out var theta) && theta.Shape.Length == 4)
        {
            return (theta.Shape[0], theta.Shape[1]);
        }

        foreach (var name in new[] { "mask", "postact_weights", "base_weight", "postact_bias" })
        {
            if (tensors.TryGetValue(layer + name, out var t) && t.Shape.Length == 2)
            {
                return (t.Shape[0], t.Shape[1]);
            }
        }

        return null;
    }

    private static bool AnyDiffers(IReadOnlyDictionary<string, SafeTensor> tensors, string prefix, int layers, string name, double value)
    {
        for (int l = 0; l < layers; l++)
        {
            if (tensors.TryGetValue($"{prefix}{l}.{name}", out var t) && t.Values.Any(v => v != value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Equal shapes, or the p_dim = 2 form [O·I, …] of [O, I, …].</summary>
    private static bool Fits(int[] expected, int[] stored) =>
        expected.SequenceEqual(stored)
        || (stored.Length == expected.Length - 1 && stored[0] == expected[0] * expected[1] && stored.AsSpan(1).SequenceEqual(expected.AsSpan(2)));

    [GeneratedRegex(@"^(?<prefix>(?:.*\.)?)(?<layer>\d+)\.theta$")]
    private static partial Regex ThetaName();
}
