using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Qml.Models.Qkan.Daruan;
using V = System.Runtime.Intrinsics.Vector512<double>;

namespace Qml.Models.Qkan.Solvers;

/// <summary>
/// Evaluates every DARUAN edge of a layer in closed form: the single-qubit state (a0, a1) is
/// pushed through the 2×2 gates of <see cref="DaruanSpec.Program"/> for eight samples at a time
/// (one Vector512 lane per sample; theta gates are broadcast scalars because the edge fixes them).
/// The backward pass is the adjoint method: it replays the forward, then walks the gates in
/// reverse, un-applying each unitary to the state and the cotangent, so no per-gate state is stored.
/// </summary>
/// <remarks>
/// Everything is float64 (the reference computes complex64, and bfloat16 for "real"), so results
/// agree with the reference to its precision and with our CPU backend to ~1e-15. The batch is
/// transposed to [inputs, paddedBatch] so each edge reads contiguous vectors; padding lanes hold
/// x = 0 and upstream 0, so they never reach an output or a gradient. Without AVX-512 the JIT
/// emulates Vector512 with two Vector256 halves, which keeps the single code path correct.
/// Work is split over batch chunks: forward outputs and input gradients of a chunk belong to one
/// worker; parameter gradients are summed per worker and reduced at the end.
/// </remarks>
internal sealed class ExactSolver : IEdgeSolver
{
    private const int Lanes = 8;
    private const int ChunkCount = 2;
    private readonly FusedOp[] _ops;
    private readonly int _prefix;
    private readonly ConditionalWeakTable<double[], InputPlanes> _planes = [];

    public ExactSolver(DaruanSpec spec)
    {
        Spec = spec;
        (_ops, _prefix) = FusedOp.Compile(spec);
    }

    public DaruanSpec Spec { get; }

    public double[] Forward(EdgeValues values, double[] x, int batch)
    {
        var planes = InputPlanes.Create(Spec, x, batch);
        _planes.AddOrUpdate(x, planes);
        var yT = Rent(Spec.Outputs * planes.Stride);
        RunChunks(planes, (_, part) => ForwardChunk(values, planes, yT, part));
        var y = new double[batch * Spec.Outputs];
        Transpose(yT, planes.Stride, y, batch, Spec.Outputs);
        ArrayPool<double>.Shared.Return(yT);
        return y;
    }

    public EdgeGradients Backward(EdgeValues values, double[] x, int batch, double[] upstream)
    {
        // The forward of the same input array kept its planes (the layer hands its input copy to both).
        var planes = _planes.TryGetValue(x, out var kept) && kept.Stride == ((batch + 7) & ~7) ? kept : InputPlanes.Create(Spec, x, batch);
        var gT = Rent(Spec.Outputs * planes.Stride);
        for (int b = 0; b < batch; b++)
        {
            for (int o = 0; o < Spec.Outputs; o++)
            {
                gT[(o * planes.Stride) + b] = upstream[(b * Spec.Outputs) + o];
            }
        }

        // Parts over the batch write disjoint columns of dL/dx; parts over the outputs all write every
        // column, so each keeps its own, summed in part order below.
        int parts = Chunks(planes);
        bool byOutputs = SplitsOutputs(planes);
        int dxLength = Spec.Inputs * planes.Stride;
        var dxT = Rent(byOutputs ? parts * dxLength : dxLength);
        var partials = new EdgeGradients[parts];
        RunChunks(planes, (chunk, part) =>
        {
            var partial = RentEdgeGradients();
            BackwardChunk(values, planes, gT, byOutputs ? dxT.AsSpan(chunk * dxLength, dxLength) : dxT.AsSpan(0, dxLength), partial, part);
            partials[chunk] = partial;
        });

        for (int c = 1; byOutputs && c < parts; c++)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(dxT.AsSpan(0, dxLength), dxT.AsSpan(c * dxLength, dxLength), dxT.AsSpan(0, dxLength));
        }

        var total = NewEdgeGradients(Spec.ThetaBlocks * Spec.ThetaPerEdge, batch * Spec.Inputs);
        Transpose(dxT, planes.Stride, total.X, batch, Spec.Inputs);
        ArrayPool<double>.Shared.Return(gT);
        ArrayPool<double>.Shared.Return(dxT);
        int perEdge = Spec.ThetaPerEdge;
        foreach (var partial in partials)
        {
            for (int o = 0; o < Spec.Outputs; o++)
            {
                for (int i = Spec.FirstInput(o); i < Spec.EndInput(o); i++)
                {
                    int e = Spec.Edge(o, i);
                    int block = Spec.ThetaBlock(o, i);
                    for (int t = 0; t < perEdge; t++)
                    {
                        total.Theta[(block * perEdge) + t] += partial.Theta[(e * perEdge) + t];
                    }
                }
            }

            AddInto(total.PreactWeight, partial.PreactWeight);
            AddInto(total.PreactBias, partial.PreactBias);
            AddInto(total.BaseWeight, partial.BaseWeight);
            AddInto(total.PostactWeight, partial.PostactWeight);
            AddInto(total.PostactBias, partial.PostactBias);
            ReturnEdgeGradients(partial);
        }

        return total;
    }

    /// <summary>A zeroed scratch buffer of at least <paramref name="length"/> from the shared pool (forward and backward allocate only their results).</summary>
    private static double[] Rent(int length)
    {
        var buffer = ArrayPool<double>.Shared.Rent(length);
        Array.Clear(buffer, 0, length);
        return buffer;
    }

    /// <summary>Per-part parameter gradients (per edge, before theta blocks are summed) in pooled buffers.</summary>
    private EdgeGradients RentEdgeGradients() => new(
        [],
        Rent(Spec.Edges * Spec.ThetaPerEdge),
        Rent(Spec.Edges * Spec.Reps),
        Rent(Spec.Edges * Spec.Reps),
        Rent(Spec.Edges),
        Rent(Spec.Edges),
        Rent(Spec.Edges));

    private static void ReturnEdgeGradients(EdgeGradients partial)
    {
        foreach (var buffer in new[] { partial.Theta, partial.PreactWeight, partial.PreactBias, partial.BaseWeight, partial.PostactWeight, partial.PostactBias })
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    private EdgeGradients NewEdgeGradients(int thetaLength, int xLength = 0) => new(
        new double[xLength],
        new double[thetaLength],
        new double[Spec.Edges * Spec.Reps],
        new double[Spec.Edges * Spec.Reps],
        new double[Spec.Edges],
        new double[Spec.Edges],
        new double[Spec.Edges]);

    private static void AddInto(double[] total, double[] part)
    {
        for (int k = 0; k < total.Length; k++)
        {
            total[k] += part[k];
        }
    }

    private static void Transpose(double[] source, int stride, double[] destination, int rows, int columns)
    {
        for (int c = 0; c < columns; c++)
        {
            var row = source.AsSpan(c * stride, rows);
            for (int r = 0; r < rows; r++)
            {
                destination[(r * columns) + c] = row[r];
            }
        }
    }

    /// <summary>
    /// Parts worked on in parallel: slices of the batch, or of the outputs when the batch is a single
    /// vector. A fixed count (not the machine's core count) and a reduction in part order make
    /// gradients bitwise the same on every machine, so seeded training reproduces exactly; two parts
    /// match the 2-core machines this is tuned for.
    /// </summary>
    private int Chunks(InputPlanes planes) => Math.Max(1, Math.Min(ChunkCount, SplitsOutputs(planes) ? Spec.Outputs : planes.Stride / Lanes));

    private static bool SplitsOutputs(InputPlanes planes) => planes.Stride / Lanes < ChunkCount;

    /// <summary>Runs <paramref name="chunk"/>(index, part) for each part, in parallel when there are several.</summary>
    private void RunChunks(InputPlanes planes, Action<int, Part> chunk)
    {
        int vectors = planes.Stride / Lanes;
        int chunks = Chunks(planes);
        bool byOutputs = SplitsOutputs(planes);
        int total = byOutputs ? Spec.Outputs : vectors;
        int per = (total + chunks - 1) / chunks;
        Part PartOf(int c)
        {
            int start = Math.Min(total, c * per), end = Math.Min(total, (c + 1) * per);
            return byOutputs ? new Part(0, vectors, start, end) : new Part(start, end, 0, Spec.Outputs);
        }

        if (chunks <= 1 || Environment.ProcessorCount == 1)
        {
            for (int c = 0; c < chunks; c++)
            {
                chunk(c, PartOf(c));
            }

            return;
        }

        Parallel.For(0, chunks, c => chunk(c, PartOf(c)));
    }

    /// <summary>The batch vectors [StartVector, EndVector) of the outputs [StartOutput, EndOutput).</summary>
    private readonly record struct Part(int StartVector, int EndVector, int StartOutput, int EndOutput);

    private void ForwardChunk(EdgeValues values, InputPlanes planes, double[] yT, Part part)
    {
        var spec = Spec;
        FusedOp[] ops = _ops;
        int stride = planes.Stride, reps = spec.Reps, perEdge = spec.ThetaPerEdge, prefix = _prefix;
        Span<double> thetaCos = stackalloc double[perEdge];
        Span<double> thetaSin = stackalloc double[perEdge];
        int startVector = part.StartVector, endVector = part.EndVector;
        for (int o = part.StartOutput; o < part.EndOutput; o++)
        {
            ref double yRow = ref yT[o * stride];
            for (int i = spec.FirstInput(o); i < spec.EndInput(o); i++)
            {
                int e = spec.Edge(o, i);
                double mask = values.Mask[e];
                if (mask == 0)
                {
                    continue;
                }

                HalfAngles(values.Theta.AsSpan(spec.ThetaBlock(o, i) * perEdge, perEdge), thetaCos, thetaSin);
                var start = PrefixState(thetaCos, thetaSin);
                var post = Vector512.Create(mask * values.PostactWeight[e]);
                var shift = Vector512.Create(values.PostactBias[e]);
                var baseScale = Vector512.Create(mask * values.BaseWeight[e]);
                var preW = values.PreactWeight.AsSpan(e * reps, reps);
                var preB = values.PreactBias.AsSpan(e * reps, reps);
                ref double xRow = ref planes.X[i * stride];
                ref double siluRow = ref planes.Silu[i * stride];
                for (int v = startVector; v < endVector; v++)
                {
                    nuint b0 = (nuint)(v * Lanes);
                    var x = Vector512.LoadUnsafe(ref xRow, b0);
                    var state = start;
                    for (int k = prefix; k < ops.Length; k++)
                    {
                        FusedOp op = ops[k];
                        if (!op.IsRotation)
                        {
                            state.ApplyFixed(op.Kind);
                            continue;
                        }

                        OpHalfAngles(op, planes, i, b0, x, preW, preB, thetaCos, thetaSin, out var c, out var s);
                        state.Rotate(op.Kind, c, s);
                    }

                    var f = Measure(state, spec.Readout);
                    var y = Vector512.LoadUnsafe(ref yRow, b0);
                    y += (post * (f + shift)) + (baseScale * Vector512.LoadUnsafe(ref siluRow, b0));
                    y.StoreUnsafe(ref yRow, b0);
                }
            }
        }
    }

    private void BackwardChunk(EdgeValues values, InputPlanes planes, double[] gT, Span<double> dxT, EdgeGradients grads, Part part)
    {
        var spec = Spec;
        FusedOp[] ops = _ops;
        int stride = planes.Stride, reps = spec.Reps, perEdge = spec.ThetaPerEdge, prefix = _prefix;
        bool affine = spec.UsesAffineData, arcCos = spec.ArcCosData;
        Span<double> thetaCos = stackalloc double[perEdge];
        Span<double> thetaSin = stackalloc double[perEdge];
        Span<V> opCos = stackalloc V[ops.Length];
        Span<V> opSin = stackalloc V[ops.Length];
        Span<QubitState> states = stackalloc QubitState[ops.Length];
        Span<V> thetaAcc = stackalloc V[perEdge];
        Span<V> weightAcc = stackalloc V[reps];
        Span<V> biasAcc = stackalloc V[reps];
        int startVector = part.StartVector, endVector = part.EndVector;
        for (int o = part.StartOutput; o < part.EndOutput; o++)
        {
            ref double gRow = ref gT[o * stride];
            for (int i = spec.FirstInput(o); i < spec.EndInput(o); i++)
            {
                int e = spec.Edge(o, i);
                double mask = values.Mask[e];
                if (mask == 0)
                {
                    continue;
                }

                HalfAngles(values.Theta.AsSpan(spec.ThetaBlock(o, i) * perEdge, perEdge), thetaCos, thetaSin);
                var start = PrefixState(thetaCos, thetaSin, states);
                for (int k = 0; k < prefix; k++)
                {
                    if (ops[k].IsRotation)
                    {
                        opCos[k] = Vector512.Create(thetaCos[ops[k].Theta]);
                        opSin[k] = Vector512.Create(thetaSin[ops[k].Theta]);
                    }
                }

                double maskPost = mask * values.PostactWeight[e];
                var shift = Vector512.Create(values.PostactBias[e]);
                var baseScale = Vector512.Create(mask * values.BaseWeight[e]);
                var preW = values.PreactWeight.AsSpan(e * reps, reps);
                var preB = values.PreactBias.AsSpan(e * reps, reps);
                thetaAcc.Clear();
                weightAcc.Clear();
                biasAcc.Clear();
                V fAcc = V.Zero, gAcc = V.Zero, siluAcc = V.Zero;
                ref double xRow = ref planes.X[i * stride];
                ref double siluRow = ref planes.Silu[i * stride];
                ref double dSiluRow = ref planes.SiluDerivative[i * stride];
                ref double dxRow = ref dxT[i * stride];
                for (int v = startVector; v < endVector; v++)
                {
                    nuint b0 = (nuint)(v * Lanes);
                    var x = Vector512.LoadUnsafe(ref xRow, b0);
                    var g = Vector512.LoadUnsafe(ref gRow, b0);

                    // Replay the forward after the constant prefix, keeping each gate's half-angles and the state after it
                    // (eight samples × a dozen gates stay in L1), so the reverse walk only un-applies the cotangent.
                    var psi = start;
                    for (int k = prefix; k < ops.Length; k++)
                    {
                        FusedOp op = ops[k];
                        if (!op.IsRotation)
                        {
                            psi.ApplyFixed(op.Kind);
                            states[k] = psi;
                            continue;
                        }

                        OpHalfAngles(op, planes, i, b0, x, preW, preB, thetaCos, thetaSin, out var c, out var s);
                        opCos[k] = c;
                        opSin[k] = s;
                        psi.Rotate(op.Kind, c, s);
                        states[k] = psi;
                    }

                    var f = ReadoutCotangent(psi, spec.Readout, g * Vector512.Create(maskPost), out var lambda);
                    fAcc += g * (f + shift);
                    gAcc += g;
                    siluAcc += g * Vector512.LoadUnsafe(ref siluRow, b0);
                    var dx = g * baseScale * Vector512.LoadUnsafe(ref dSiluRow, b0);

                    for (int k = ops.Length - 1; k >= 0; k--)
                    {
                        FusedOp op = ops[k];
                        if (!op.IsRotation)
                        {
                            // X and Z are their own inverses.
                            lambda.ApplyFixed(op.Kind);
                            continue;
                        }

                        V c = opCos[k], s = opSin[k];
                        var angleGradient = QubitState.GeneratorGradient(op.Kind, states[k], lambda);
                        lambda.Rotate(op.Kind, c, -s);
                        if (op.Theta >= 0)
                        {
                            thetaAcc[op.Theta] += angleGradient;
                        }

                        if (op.Data < 0)
                        {
                            continue;
                        }

                        if (!affine)
                        {
                            dx += angleGradient;
                        }
                        else
                        {
                            // d acos(u)/du = −1/√(1−u²) = −1/(2·sin(a/2)·cos(a/2)); px gates are never fused, so c, s are the data's.
                            var du = arcCos ? -angleGradient / (Vector512.Create(2.0) * c * s) : angleGradient;
                            dx += du * Vector512.Create(preW[op.Data]);
                            weightAcc[op.Data] += du * x;
                            biasAcc[op.Data] += du;
                        }
                    }

                    (Vector512.LoadUnsafe(ref dxRow, b0) + dx).StoreUnsafe(ref dxRow, b0);
                }

                var thetaGrad = grads.Theta.AsSpan(e * perEdge, perEdge);
                for (int t = 0; t < perEdge; t++)
                {
                    thetaGrad[t] += Vector512.Sum(thetaAcc[t]);
                }

                if (affine)
                {
                    for (int l = 0; l < reps; l++)
                    {
                        grads.PreactWeight[(e * reps) + l] += Vector512.Sum(weightAcc[l]);
                        grads.PreactBias[(e * reps) + l] += Vector512.Sum(biasAcc[l]);
                    }
                }

                grads.PostactWeight[e] += mask * Vector512.Sum(fAcc);
                grads.PostactBias[e] += maskPost * Vector512.Sum(gAcc);
                grads.BaseWeight[e] += mask * Vector512.Sum(siluAcc);
            }
        }
    }

    /// <summary>The state after the gates before the first data gate: the same for every sample of an edge.</summary>
    private QubitState PrefixState(ReadOnlySpan<double> thetaCos, ReadOnlySpan<double> thetaSin) => PrefixState(thetaCos, thetaSin, []);

    /// <summary>As above, also keeping the state after each prefix gate in <paramref name="states"/> (when not empty).</summary>
    private QubitState PrefixState(ReadOnlySpan<double> thetaCos, ReadOnlySpan<double> thetaSin, Span<QubitState> states)
    {
        var state = QubitState.Plus;
        for (int k = 0; k < _prefix; k++)
        {
            FusedOp op = _ops[k];
            if (!op.IsRotation)
            {
                state.ApplyFixed(op.Kind);
            }
            else
            {
                state.Rotate(op.Kind, Vector512.Create(thetaCos[op.Theta]), Vector512.Create(thetaSin[op.Theta]));
            }

            if (!states.IsEmpty)
            {
                states[k] = state;
            }
        }

        return state;
    }

    /// <summary>cos and sin of half the op's angle: theta, data, or (fused) their sum by the angle-addition formulas.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void OpHalfAngles(FusedOp op, InputPlanes planes, int input, nuint b0, V x, ReadOnlySpan<double> preW, ReadOnlySpan<double> preB, ReadOnlySpan<double> thetaCos, ReadOnlySpan<double> thetaSin, out V c, out V s)
    {
        if (op.Data < 0)
        {
            c = Vector512.Create(thetaCos[op.Theta]);
            s = Vector512.Create(thetaSin[op.Theta]);
            return;
        }

        DataHalfAngles(planes, input, b0, x, preW, preB, op.Data, out c, out s, out _);
        if (op.Theta >= 0)
        {
            var tc = Vector512.Create(thetaCos[op.Theta]);
            var ts = Vector512.Create(thetaSin[op.Theta]);
            (c, s) = ((c * tc) - (s * ts), (s * tc) + (c * ts));
        }
    }

    private static void HalfAngles(ReadOnlySpan<double> angles, Span<double> cos, Span<double> sin)
    {
        for (int t = 0; t < angles.Length; t++)
        {
            (sin[t], cos[t]) = Math.SinCos(0.5 * angles[t]);
        }
    }

    /// <summary>cos and sin of half the data angle of repetition <paramref name="rep"/>; <paramref name="u"/> is w·x+b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void DataHalfAngles(InputPlanes planes, int input, nuint b0, V x, ReadOnlySpan<double> preW, ReadOnlySpan<double> preB, int rep, out V c, out V s, out V u)
    {
        if (!Spec.UsesAffineData)
        {
            // z = x for every repetition and every output: computed once per input in InputPlanes.
            c = Vector512.LoadUnsafe(ref planes.CosHalf[input * planes.Stride], b0);
            s = Vector512.LoadUnsafe(ref planes.SinHalf[input * planes.Stride], b0);
            u = x;
            return;
        }

        u = (Vector512.Create(preW[rep]) * x) + Vector512.Create(preB[rep]);
        if (Spec.ArcCosData)
        {
            // RX(acos u): cos(acos(u)/2) = √((1+u)/2), sin(acos(u)/2) = √((1−u)/2), as acos u ∈ [0, π].
            var half = Vector512.Create(0.5);
            c = Vector512.Sqrt(half + (half * u));
            s = Vector512.Sqrt(half - (half * u));
            return;
        }

        (s, c) = Vector512.SinCos(u * Vector512.Create(0.5));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V Measure(in QubitState psi, Readout readout)
    {
        var p0 = (psi.Ar * psi.Ar) + (psi.Ai * psi.Ai);
        var p1 = (psi.Br * psi.Br) + (psi.Bi * psi.Bi);
        return readout == Daruan.Readout.Fast ? Vector512.Sqrt(p0) - Vector512.Sqrt(p1) : p0 - p1;
    }

    /// <summary>
    /// The readout f and the cotangent λ with dL = 2·Re⟨λ|dψ⟩ for dL/df = <paramref name="scale"/>.
    /// For |a| the derivative at a = 0 is taken as 0, as torch's abs does.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V ReadoutCotangent(in QubitState psi, Readout readout, V scale, out QubitState lambda)
    {
        var p0 = (psi.Ar * psi.Ar) + (psi.Ai * psi.Ai);
        var p1 = (psi.Br * psi.Br) + (psi.Bi * psi.Bi);
        V k0, k1, f;
        if (readout == Daruan.Readout.Fast)
        {
            var n0 = Vector512.Sqrt(p0);
            var n1 = Vector512.Sqrt(p1);
            f = n0 - n1;
            var half = Vector512.Create(0.5) * scale;
            k0 = Vector512.ConditionalSelect(Vector512.Equals(n0, V.Zero), V.Zero, half / n0);
            k1 = Vector512.ConditionalSelect(Vector512.Equals(n1, V.Zero), V.Zero, -half / n1);
        }
        else
        {
            f = p0 - p1;
            k0 = scale;
            k1 = -scale;
        }

        lambda = new QubitState(k0 * psi.Ar, k0 * psi.Ai, k1 * psi.Br, k1 * psi.Bi);
        return f;
    }
}
