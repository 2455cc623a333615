using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Qml.Learning.Tensors;

/// <summary>
/// Dense double GEMM, C (+)= A·B, with A and B given by element strides so transposed operands
/// need no copy. Large products are blocked (Goto/BLIS style): panels of B (KC×NR) and A
/// (MR×KC) are packed contiguously and zero-padded, and a register-blocked MR×NR microkernel
/// (Vector512 or Vector256 FMAs) accumulates each tile in registers. Small products take a
/// row-times-row loop whose inner step is one TensorPrimitives.MultiplyAdd.
/// </summary>
internal static class Gemm
{
    private const int KC = 256;
    private const int MC = 120;
    private const int NC = 512;

    /// <summary>Below this many multiply-adds the packing costs more than it saves.</summary>
    private const long SmallWork = 24 * 24 * 24;

    public static void Multiply(
        int m, int n, int k,
        ReadOnlySpan<double> a, int rsA, int csA,
        ReadOnlySpan<double> b, int rsB, int csB,
        Span<double> c, int ldc, bool accumulate)
    {
        if ((long)m * n * k <= SmallWork || !(Vector512.IsHardwareAccelerated || Vector256.IsHardwareAccelerated))
        {
            MultiplySmall(m, n, k, a, rsA, csA, b, rsB, csB, c, ldc, accumulate);
        }
        else
        {
            MultiplyBlocked(m, n, k, a, rsA, csA, b, rsB, csB, c, ldc, accumulate);
        }
    }

    internal static void MultiplySmall(
        int m, int n, int k,
        ReadOnlySpan<double> a, int rsA, int csA,
        ReadOnlySpan<double> b, int rsB, int csB,
        Span<double> c, int ldc, bool accumulate)
    {
        double[]? rented = null;
        Span<double> bRow = csB == 1 ? default : (rented = ArrayPool<double>.Shared.Rent(n)).AsSpan(0, n);
        try
        {
            for (int i = 0; i < m; i++)
            {
                Span<double> cRow = c.Slice(i * ldc, n);
                if (!accumulate)
                {
                    cRow.Clear();
                }

                for (int p = 0; p < k; p++)
                {
                    double aip = a[(i * rsA) + (p * csA)];
                    ReadOnlySpan<double> row;
                    if (csB == 1)
                    {
                        row = b.Slice(p * rsB, n);
                    }
                    else
                    {
                        for (int j = 0; j < n; j++)
                        {
                            bRow[j] = b[(p * rsB) + (j * csB)];
                        }

                        row = bRow;
                    }

                    TensorPrimitives.MultiplyAdd(row, aip, cRow, cRow);
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<double>.Shared.Return(rented);
            }
        }
    }

    internal static void MultiplyBlocked(
        int m, int n, int k,
        ReadOnlySpan<double> a, int rsA, int csA,
        ReadOnlySpan<double> b, int rsB, int csB,
        Span<double> c, int ldc, bool accumulate)
        => MultiplyBlocked(m, n, k, a, rsA, csA, b, rsB, csB, c, ldc, accumulate, wide: Vector512.IsHardwareAccelerated);

    /// <summary>
    /// The blocked product with an explicit microkernel: <c>wide</c> picks the 6×16 Vector512 one
    /// over the 4×8 Vector256 one. Both are correct on any CPU (the JIT emulates unaccelerated
    /// widths), so tests run each regardless of the hardware.
    /// </summary>
    internal static void MultiplyBlocked(
        int m, int n, int k,
        ReadOnlySpan<double> a, int rsA, int csA,
        ReadOnlySpan<double> b, int rsB, int csB,
        Span<double> c, int ldc, bool accumulate, bool wide)
    {
        int mr = wide ? 6 : 4;
        int nr = wide ? 16 : 8;

        if (!accumulate)
        {
            for (int i = 0; i < m; i++)
            {
                c.Slice(i * ldc, n).Clear();
            }
        }

        if (k == 0)
        {
            return;
        }

        int ncMax = RoundUp(Math.Min(NC, n), nr);
        int mcMax = RoundUp(Math.Min(MC, m), mr);
        int kcMax = Math.Min(KC, k);
        double[] bPack = ArrayPool<double>.Shared.Rent(ncMax * kcMax);
        double[] aPack = ArrayPool<double>.Shared.Rent(mcMax * kcMax);
        Span<double> edge = stackalloc double[6 * 16];
        try
        {
            for (int jc = 0; jc < n; jc += NC)
            {
                int nc = Math.Min(NC, n - jc);
                for (int pc = 0; pc < k; pc += KC)
                {
                    int kc = Math.Min(KC, k - pc);
                    PackB(b, rsB, csB, pc, kc, jc, nc, nr, bPack);
                    for (int ic = 0; ic < m; ic += MC)
                    {
                        int mc = Math.Min(MC, m - ic);
                        PackA(a, rsA, csA, ic, mc, pc, kc, mr, aPack);
                        for (int jr = 0; jr < nc; jr += nr)
                        {
                            int nLen = Math.Min(nr, nc - jr);
                            ReadOnlySpan<double> bPanel = bPack.AsSpan(jr * kc, nr * kc);
                            for (int ir = 0; ir < mc; ir += mr)
                            {
                                int mLen = Math.Min(mr, mc - ir);
                                ReadOnlySpan<double> aPanel = aPack.AsSpan(ir * kc, mr * kc);
                                Span<double> cTile = c[(((ic + ir) * ldc) + jc + jr)..];
                                if (wide)
                                {
                                    Kernel6x16(kc, aPanel, bPanel, cTile, ldc, mLen, nLen, edge);
                                }
                                else
                                {
                                    Kernel4x8(kc, aPanel, bPanel, cTile, ldc, mLen, nLen, edge);
                                }
                            }
                        }
                    }
                }
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(bPack);
            ArrayPool<double>.Shared.Return(aPack);
        }
    }

    private static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;

    /// <summary>Packs B[pc..pc+kc, jc..jc+nc] as column panels of width nr: panel-major, then k, then the nr columns.</summary>
    private static void PackB(ReadOnlySpan<double> b, int rsB, int csB, int pc, int kc, int jc, int nc, int nr, Span<double> dst)
    {
        int d = 0;
        for (int j0 = 0; j0 < nc; j0 += nr)
        {
            int width = Math.Min(nr, nc - j0);
            for (int p = 0; p < kc; p++)
            {
                int src = ((pc + p) * rsB) + ((jc + j0) * csB);
                Span<double> row = dst.Slice(d, nr);
                if (csB == 1)
                {
                    b.Slice(src, width).CopyTo(row);
                }
                else
                {
                    for (int j = 0; j < width; j++)
                    {
                        row[j] = b[src + (j * csB)];
                    }
                }

                row[width..].Clear();
                d += nr;
            }
        }
    }

    /// <summary>Packs A[ic..ic+mc, pc..pc+kc] as row panels of height mr: panel-major, then k, then the mr rows.</summary>
    private static void PackA(ReadOnlySpan<double> a, int rsA, int csA, int ic, int mc, int pc, int kc, int mr, Span<double> dst)
    {
        int d = 0;
        for (int i0 = 0; i0 < mc; i0 += mr)
        {
            int height = Math.Min(mr, mc - i0);
            for (int p = 0; p < kc; p++)
            {
                int src = ((ic + i0) * rsA) + ((pc + p) * csA);
                for (int i = 0; i < height; i++)
                {
                    dst[d + i] = a[src + (i * rsA)];
                }

                dst.Slice(d + height, mr - height).Clear();
                d += mr;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Kernel6x16(int kc, ReadOnlySpan<double> aPanel, ReadOnlySpan<double> bPanel, Span<double> c, int ldc, int mLen, int nLen, Span<double> edge)
    {
        ref double ap = ref MemoryMarshal.GetReference(aPanel);
        ref double bp = ref MemoryMarshal.GetReference(bPanel);
        Vector512<double> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<double> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (nuint p = 0; p < (nuint)kc; p++)
        {
            Vector512<double> b0 = Vector512.LoadUnsafe(ref bp, p * 16);
            Vector512<double> b1 = Vector512.LoadUnsafe(ref bp, (p * 16) + 8);
            ref double ar = ref Unsafe.Add(ref ap, p * 6);
            Vector512<double> a0 = Vector512.Create(ar);
            c00 = Vector512.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(a0, b1, c01);
            Vector512<double> a1 = Vector512.Create(Unsafe.Add(ref ar, 1));
            c10 = Vector512.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(a1, b1, c11);
            Vector512<double> a2 = Vector512.Create(Unsafe.Add(ref ar, 2));
            c20 = Vector512.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(a2, b1, c21);
            Vector512<double> a3 = Vector512.Create(Unsafe.Add(ref ar, 3));
            c30 = Vector512.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(a3, b1, c31);
            Vector512<double> a4 = Vector512.Create(Unsafe.Add(ref ar, 4));
            c40 = Vector512.FusedMultiplyAdd(a4, b0, c40);
            c41 = Vector512.FusedMultiplyAdd(a4, b1, c41);
            Vector512<double> a5 = Vector512.Create(Unsafe.Add(ref ar, 5));
            c50 = Vector512.FusedMultiplyAdd(a5, b0, c50);
            c51 = Vector512.FusedMultiplyAdd(a5, b1, c51);
        }

        if (mLen == 6 && nLen == 16)
        {
            ref double cr = ref MemoryMarshal.GetReference(c);
            AddRow512(ref cr, 0, c00, c01);
            AddRow512(ref cr, (nuint)ldc, c10, c11);
            AddRow512(ref cr, (nuint)(2 * ldc), c20, c21);
            AddRow512(ref cr, (nuint)(3 * ldc), c30, c31);
            AddRow512(ref cr, (nuint)(4 * ldc), c40, c41);
            AddRow512(ref cr, (nuint)(5 * ldc), c50, c51);
            return;
        }

        ref double e = ref MemoryMarshal.GetReference(edge);
        c00.StoreUnsafe(ref e, 0);
        c01.StoreUnsafe(ref e, 8);
        c10.StoreUnsafe(ref e, 16);
        c11.StoreUnsafe(ref e, 24);
        c20.StoreUnsafe(ref e, 32);
        c21.StoreUnsafe(ref e, 40);
        c30.StoreUnsafe(ref e, 48);
        c31.StoreUnsafe(ref e, 56);
        c40.StoreUnsafe(ref e, 64);
        c41.StoreUnsafe(ref e, 72);
        c50.StoreUnsafe(ref e, 80);
        c51.StoreUnsafe(ref e, 88);
        AddEdge(edge, 16, c, ldc, mLen, nLen);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRow512(ref double c, nuint offset, Vector512<double> lo, Vector512<double> hi)
    {
        (Vector512.LoadUnsafe(ref c, offset) + lo).StoreUnsafe(ref c, offset);
        (Vector512.LoadUnsafe(ref c, offset + 8) + hi).StoreUnsafe(ref c, offset + 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Kernel4x8(int kc, ReadOnlySpan<double> aPanel, ReadOnlySpan<double> bPanel, Span<double> c, int ldc, int mLen, int nLen, Span<double> edge)
    {
        ref double ap = ref MemoryMarshal.GetReference(aPanel);
        ref double bp = ref MemoryMarshal.GetReference(bPanel);
        Vector256<double> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector256<double> c20 = default, c21 = default, c30 = default, c31 = default;
        for (nuint p = 0; p < (nuint)kc; p++)
        {
            Vector256<double> b0 = Vector256.LoadUnsafe(ref bp, p * 8);
            Vector256<double> b1 = Vector256.LoadUnsafe(ref bp, (p * 8) + 4);
            ref double ar = ref Unsafe.Add(ref ap, p * 4);
            Vector256<double> a0 = Vector256.Create(ar);
            c00 = Vector256.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(a0, b1, c01);
            Vector256<double> a1 = Vector256.Create(Unsafe.Add(ref ar, 1));
            c10 = Vector256.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(a1, b1, c11);
            Vector256<double> a2 = Vector256.Create(Unsafe.Add(ref ar, 2));
            c20 = Vector256.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(a2, b1, c21);
            Vector256<double> a3 = Vector256.Create(Unsafe.Add(ref ar, 3));
            c30 = Vector256.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(a3, b1, c31);
        }

        ref double e = ref MemoryMarshal.GetReference(edge);
        c00.StoreUnsafe(ref e, 0);
        c01.StoreUnsafe(ref e, 4);
        c10.StoreUnsafe(ref e, 8);
        c11.StoreUnsafe(ref e, 12);
        c20.StoreUnsafe(ref e, 16);
        c21.StoreUnsafe(ref e, 20);
        c30.StoreUnsafe(ref e, 24);
        c31.StoreUnsafe(ref e, 28);
        AddEdge(edge, 8, c, ldc, mLen, nLen);
    }

    private static void AddEdge(ReadOnlySpan<double> tile, int tileWidth, Span<double> c, int ldc, int mLen, int nLen)
    {
        for (int i = 0; i < mLen; i++)
        {
            Span<double> row = c.Slice(i * ldc, nLen);
            TensorPrimitives.Add(row, tile.Slice(i * tileWidth, nLen), row);
        }
    }
}
