using System.Numerics;
using Qml.Abstractions.Observables;
using Qml.Backends.Mps.Outputs;
using Qml.Backends.Mps.State;

namespace Qml.Backends.Mps.Gradients;

/// <summary>
/// Writes |λ⟩ = Σ_t w_t·P_t|ψ⟩ as one MPS, exactly: the weighted sum of Pauli strings is an MPO
/// built as a small automaton (bond states "nothing applied yet", "one string complete" and one
/// per string still open across the bond, so a sum of one-site terms has MPO bond 2), contracted
/// site by site with ψ and then canonicalised, which cuts every bond to its Schmidt rank.
/// Identity strings are left out: ∂U·U† is anti-Hermitian, so they add nothing to any gradient.
/// </summary>
internal sealed class CotangentBuilder
{
    private const int Ready = 0;
    private const int Done = 1;

    /// <summary>Strings open across one bond per chunk: the chunk's MPO bond is at most 2 + this.</summary>
    internal const int MaxOpenStrings = 6;

    private readonly List<(double Weight, PauliString Pauli)> _terms = [];
    private int[] _first = [];
    private int[] _last = [];

    /// <summary>Number of non-identity strings with a nonzero weight collected so far.</summary>
    public int Count => _terms.Count;

    /// <summary>
    /// Largest bond of the MPO of the request's non-identity strings: λ's bonds are at most this
    /// times ψ's, so a truncating λ is given that much more room than ψ instead of losing most of
    /// the cotangent to the bond cap.
    /// </summary>
    public static int MpoBond(IReadOnlyList<ObservableTerm> terms, int qubitCount)
    {
        var open = new int[qubitCount + 1];
        foreach (var term in terms)
        {
            if (!term.Pauli.IsIdentity)
            {
                for (var bond = term.Pauli.Factors[0].Qubit + 1; bond <= term.Pauli.Factors[^1].Qubit; bond++)
                {
                    open[bond]++;
                }
            }
        }

        return 2 + open.Max();
    }

    /// <summary>Collects Σ_o upstream[o]·O_o from the request's flattened terms.</summary>
    public void Collect(IReadOnlyList<ObservableTerm> terms, ReadOnlySpan<double> upstream)
    {
        _terms.Clear();
        foreach (var term in terms)
        {
            var weight = upstream[term.Observable] * term.Coefficient;
            if (!term.Pauli.IsIdentity && weight != 0.0)
            {
                _terms.Add((weight, term.Pauli));
            }
        }
    }

    /// <summary>
    /// Overwrites <paramref name="lambda"/> with the collected sum applied to <paramref name="psi"/>
    /// (needs <see cref="Count"/> &gt; 0). Strings are taken in chunks with at most
    /// <see cref="MaxOpenStrings"/> open across any bond, each chunk's λ compressed and added to
    /// the running sum, so a Hamiltonian of hundreds of long strings never builds an MPS of
    /// hundreds of times ψ's bond; <paramref name="part"/> is the scratch state for the chunks.
    /// </summary>
    public void Build(MpsState psi, MpsState lambda, MpsState part)
    {
        var n = psi.QubitCount;
        var count = _terms.Count;
        if (_first.Length < count)
        {
            _first = new int[count];
            _last = new int[count];
        }

        for (var t = 0; t < count; t++)
        {
            var factors = _terms[t].Pauli.Factors;
            _first[t] = factors[0].Qubit;
            _last[t] = factors[^1].Qubit;
        }

        var open = new int[n + 1];
        var chunk = new List<int>();
        var first = true;
        for (var t = 0; t <= count; t++)
        {
            var fits = t < count;
            for (var bond = t < count ? _first[t] + 1 : 0; fits && bond <= _last[t]; bond++)
            {
                fits = open[bond] < MaxOpenStrings;
            }

            if (!fits && chunk.Count > 0)
            {
                var target = first ? lambda : part;
                BuildChunk(psi, target, chunk);
                target.Canonicalize();
                if (!first)
                {
                    lambda.Add(part);
                }

                first = false;
                chunk.Clear();
                Array.Clear(open);
            }

            if (t < count)
            {
                chunk.Add(t);
                for (var bond = _first[t] + 1; bond <= _last[t]; bond++)
                {
                    open[bond]++;
                }
            }
        }
    }

    /// <summary>λ for the strings <paramref name="chunk"/> (indices into the collected terms), not yet canonical.</summary>
    private void BuildChunk(MpsState psi, MpsState lambda, List<int> chunk)
    {
        var n = psi.QubitCount;
        var count = chunk.Count;

        // slot[i] is string chunk[i]'s state index on the current left bond, −1 when it is not open there.
        Span<int> leftSlot = count <= 256 ? stackalloc int[count] : new int[count];
        Span<int> rightSlot = count <= 256 ? stackalloc int[count] : new int[count];
        var leftStates = 1;
        leftSlot.Fill(-1);
        lambda.Reset();
        for (var q = 0; q < n; q++)
        {
            var rightStates = q == n - 1 ? 1 : 2;
            rightSlot.Fill(-1);
            if (q < n - 1)
            {
                for (var i = 0; i < count; i++)
                {
                    var t = chunk[i];
                    if (_first[t] <= q && _last[t] > q)
                    {
                        rightSlot[i] = rightStates++;
                    }
                }
            }

            var site = psi.Site(q);
            var output = lambda.Site(q).Reshape(leftStates * site.Left, rightStates * site.Right);
            output.Clear();
            var outputRight = rightStates * site.Right;

            // On the last site the only right state is "done", stored at index 0.
            var done = q == n - 1 ? 0 : Done;
            if (q < n - 1)
            {
                AddBlock(site, output, outputRight, Ready, Ready, Pauli.I, Complex.One);
            }

            if (q > 0)
            {
                AddBlock(site, output, outputRight, Done, done, Pauli.I, Complex.One);
            }

            for (var i = 0; i < count; i++)
            {
                var t = chunk[i];
                var (weight, pauli) = _terms[t];
                if (_first[t] > q || _last[t] < q)
                {
                    continue;
                }

                var op = PauliAt(pauli, q);
                var from = _first[t] == q ? Ready : leftSlot[i];
                var to = _last[t] == q ? done : rightSlot[i];
                AddBlock(site, output, outputRight, from, to, op, _first[t] == q ? weight : Complex.One);
            }

            rightSlot.CopyTo(leftSlot);
            leftStates = rightStates;
        }
    }

    private static Pauli PauliAt(PauliString pauli, int qubit)
    {
        foreach (var (q, p) in pauli.Factors)
        {
            if (q == qubit)
            {
                return p;
            }
        }

        return Pauli.I;
    }

    /// <summary>Adds w·P applied to ψ's site into block (from, to) of λ's site tensor.</summary>
    private static void AddBlock(SiteTensor psi, Span<Complex> output, int outputRight, int from, int to, Pauli op, Complex weight)
    {
        int left = psi.Left, right = psi.Right;
        var values = psi.Values;
        for (var l = 0; l < left; l++)
        {
            var row = (from * left) + l;
            for (var s = 0; s < 2; s++)
            {
                // (P·a)[s] = factor · a[source]: X and Y flip the bit, Y and Z add a phase.
                var source = op is Pauli.X or Pauli.Y ? 1 - s : s;
                var factor = op switch
                {
                    Pauli.Y => s == 0 ? -Complex.ImaginaryOne : Complex.ImaginaryOne,
                    Pauli.Z => s == 0 ? Complex.One : -Complex.One,
                    _ => Complex.One,
                };
                factor *= weight;
                var input = values.Slice(((l * 2) + source) * right, right);
                var destination = output.Slice((((row * 2) + s) * outputRight) + (to * right), right);
                for (var r = 0; r < right; r++)
                {
                    destination[r] += factor * input[r];
                }
            }
        }
    }
}
