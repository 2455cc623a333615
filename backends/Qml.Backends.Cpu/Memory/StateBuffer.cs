using System.Numerics;
using System.Runtime.InteropServices;

namespace Qml.Backends.Cpu.Memory;

/// <summary>
/// Owns one 64-byte aligned block of complex doubles (interleaved re/im) outside the GC heap,
/// so a 1 GiB state never sits in the large-object heap and is freed the moment we are done.
/// </summary>
internal sealed unsafe class StateBuffer : IDisposable
{
    private const nuint Alignment = 64;
    private Complex* _data;

    public StateBuffer(int qubitCount)
    {
        QubitCount = qubitCount;
        Length = (nuint)1 << qubitCount;
        _data = (Complex*)NativeMemory.AlignedAlloc(Length * (nuint)sizeof(Complex), Alignment);
    }

    ~StateBuffer() => Free();

    public int QubitCount { get; }

    /// <summary>Number of amplitudes, 2^QubitCount.</summary>
    public nuint Length { get; }

    /// <summary>Raw pointer for the kernels; valid until <see cref="Dispose"/>.</summary>
    public Complex* Pointer
    {
        get
        {
            ObjectDisposedException.ThrowIf(_data is null, this);
            return _data;
        }
    }

    /// <summary>A span view; only for states small enough to index with an int.</summary>
    public Span<Complex> Amplitudes => new(Pointer, checked((int)Length));

    /// <summary>Sets the state to |0…0⟩.</summary>
    public void ResetToZero()
    {
        Clear();
        _data[0] = Complex.One;
    }

    /// <summary>Sets every amplitude to zero.</summary>
    public void Clear() => NativeMemory.Clear(Pointer, Length * (nuint)sizeof(Complex));

    public void CopyFrom(StateBuffer source)
    {
        if (source.Length != Length)
        {
            throw new ArgumentException($"Cannot copy a {source.QubitCount}-qubit state into a {QubitCount}-qubit buffer.", nameof(source));
        }

        NativeMemory.Copy(source.Pointer, Pointer, Length * (nuint)sizeof(Complex));
    }

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        if (_data is not null)
        {
            NativeMemory.AlignedFree(_data);
            _data = null;
        }
    }
}
