using Qml.Abstractions;

namespace Qml.Learning.Data.Loaders;

/// <summary>Turns an IDX image file and its label file into a classification <see cref="Dataset"/>.</summary>
public static class IdxDataset
{
    /// <summary>
    /// Loads images as features scaled to [0, 1] (pixel / 255) with their labels; <c>limit</c> &gt; 0
    /// keeps only the first that many samples.
    /// </summary>
    public static Dataset Load(string name, string imagesPath, string labelsPath, int classCount, IReadOnlyList<string>? classNames = null, int limit = 0)
    {
        var images = IdxReader.ReadImages(imagesPath);
        var labels = IdxReader.ReadLabels(labelsPath);
        if (labels.Length != images.Count)
        {
            throw new QmlException(
                $"IDX files disagree: {imagesPath} holds {images.Count} images but {labelsPath} holds {labels.Length} labels; expected one label per image.");
        }

        var count = limit > 0 ? Math.Min(limit, images.Count) : images.Count;
        var features = new double[count * images.PixelsPerImage];
        for (var i = 0; i < features.Length; i++)
        {
            features[i] = images.Pixels[i] / 255.0;
        }

        var classes = new int[count];
        for (var i = 0; i < count; i++)
        {
            if (labels[i] >= classCount)
            {
                throw new QmlException($"IDX label file {labelsPath} has label {labels[i]} at offset {8 + i}; expected 0..{classCount - 1}.");
            }

            classes[i] = labels[i];
        }

        return Dataset.ForClassification(name, features, images.PixelsPerImage, classes, classCount, classNames: classNames);
    }
}
