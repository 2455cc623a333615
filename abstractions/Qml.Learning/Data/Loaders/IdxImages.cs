namespace Qml.Learning.Data.Loaders;

/// <summary>Unsigned-byte images from an IDX file: <see cref="Count"/> × rows × columns pixels, row-major.</summary>
public sealed record IdxImages(int Count, int Rows, int Columns, byte[] Pixels)
{
    public int PixelsPerImage => Rows * Columns;

    public ReadOnlySpan<byte> Image(int index) => Pixels.AsSpan(index * PixelsPerImage, PixelsPerImage);
}
