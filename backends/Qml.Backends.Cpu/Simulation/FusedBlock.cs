using System.Numerics;
using System.Runtime.CompilerServices;

namespace Qml.Backends.Cpu.Simulation;

/// <summary>
/// One open block of <see cref="BlockFuser"/>: its qubits in ascending order (bit t of a matrix
/// index is <see cref="Qubits"/>[t]), the product of its gates so far and how many gates that is.
/// </summary>
internal sealed class FusedBlock(int maxQubits)
{
    public int[] Qubits { get; } = new int[maxQubits];

    public int Count { get; set; }

    /// <summary>Row-major 2^Count × 2^Count, in a buffer sized for the widest block.</summary>
    public Complex[] Matrix { get; } = new Complex[1 << (2 * maxQubits)];

    public int Gates { get; set; }

    /// <summary>Index of the last gate added: a block of one gate is replayed through its own kernel.</summary>
    public int LastOperation { get; set; }

    public int Dimension => 1 << Count;

    public ReadOnlySpan<int> QubitSpan => Qubits.AsSpan(0, Count);

    /// <summary>Sets the block to the identity on <paramref name="ascendingQubits"/>.</summary>
    public void ResetToIdentity(ReadOnlySpan<int> ascendingQubits)
    {
        ascendingQubits.CopyTo(Qubits);
        Count = ascendingQubits.Length;
        var d = Dimension;
        Matrix.AsSpan(0, d * d).Clear();
        for (var i = 0; i < d; i++)
        {
            Matrix[(i * d) + i] = Complex.One;
        }

        Gates = 0;
    }

    /// <summary>
    /// M ← G · M, where G acts on the block bits <paramref name="positions"/> (bit j of G's index
    /// is block bit positions[j]) and the identity on the others. <paramref name="scratch"/>
    /// holds at least 2·2^positions entries.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void MultiplyLeft(ReadOnlySpan<Complex> g, ReadOnlySpan<int> positions, Span<Complex> scratch)
    {
        var d = Dimension;
        var q = positions.Length;
        var gd = 1 << q;
        Span<int> offsets = stackalloc int[gd];
        var covered = 0;
        for (var j = 0; j < gd; j++)
        {
            var offset = 0;
            for (var b = 0; b < q; b++)
            {
                offset |= ((j >> b) & 1) << positions[b];
            }

            offsets[j] = offset * d;
        }

        foreach (var position in positions)
        {
            covered |= 1 << position;
        }

        var gathered = scratch[..gd];
        for (var rowBase = 0; rowBase < d; rowBase++)
        {
            if ((rowBase & covered) != 0)
            {
                continue;
            }

            var baseOffset = rowBase * d;
            for (var c = 0; c < d; c++)
            {
                for (var j = 0; j < gd; j++)
                {
                    gathered[j] = Matrix[baseOffset + offsets[j] + c];
                }

                for (var r = 0; r < gd; r++)
                {
                    var sum = Complex.Zero;
                    var row = g.Slice(r * gd, gd);
                    for (var j = 0; j < gd; j++)
                    {
                        sum += row[j] * gathered[j];
                    }

                    Matrix[baseOffset + offsets[r] + c] = sum;
                }
            }
        }
    }
}
