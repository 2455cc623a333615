using System.Numerics;

namespace Qml.Backends.Mps.State;

/// <summary>
/// One qubit's tensor A[l, s, r] (left bond × 2 × right bond), row-major at (l·2 + s)·Right + r,
/// so it reads as a (2·Left)×Right matrix or a Left×(2·Right) matrix without copying.
/// The buffer only grows, so bonds that shrink and grow again do not reallocate.
/// </summary>
internal sealed class SiteTensor
{
    private Complex[] _data = new Complex[2];

    public int Left { get; private set; } = 1;

    public int Right { get; private set; } = 1;

    public int Length => Left * 2 * Right;

    public Span<Complex> Values => _data.AsSpan(0, Length);

    /// <summary>Sets the bonds; the contents are then undefined until written.</summary>
    public Span<Complex> Reshape(int left, int right)
    {
        var length = left * 2 * right;
        if (_data.Length < length)
        {
            _data = new Complex[Math.Max(length, _data.Length * 2)];
        }

        Left = left;
        Right = right;
        return _data.AsSpan(0, length);
    }

    /// <summary>Copies <paramref name="values"/> in with the given bonds.</summary>
    public void Assign(int left, int right, ReadOnlySpan<Complex> values) => values[..(left * 2 * right)].CopyTo(Reshape(left, right));

    /// <summary>|0⟩ with unit bonds.</summary>
    public void SetZero()
    {
        var values = Reshape(1, 1);
        values[0] = Complex.One;
        values[1] = Complex.Zero;
    }
}
