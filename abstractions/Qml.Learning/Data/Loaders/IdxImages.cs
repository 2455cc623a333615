namespace Qml.Learning.Data.Loaders;

/// <summary>Unsigned-byte images from an IDX file: <see cref="Count"/> × rows × columns pixels, row-major.</summary>
public sealed record IdxImages(int Count, int Rows, int Columns, byte[] Pixels)
{
    /// <summary>Rows × columns.</summary>
    public int PixelsPerImage => Rows * Columns;

    /// <summary>The pixels (0..255, row-major) of image <paramref name="index"/> in 0..<see cref="Count"/>-1.</summary>
    public ReadOnlySpan<byte> Image(int index) => Pixels.AsSpan(index * PixelsPerImage, PixelsPerImage);
}
