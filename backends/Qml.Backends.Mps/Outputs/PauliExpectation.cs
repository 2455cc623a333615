using System.Numerics;
using Qml.Abstractions.Observables;
using Qml.Backends.Mps.Linear;
using Qml.Backends.Mps.State;

namespace Qml.Backends.Mps.Outputs;

/// <summary>
/// ⟨ψ|P|ψ⟩ for Pauli strings by contracting transfer environments over the sites the string
/// spans, never building the state. With the orthogonality centre on the string's first
/// qubit, everything left of it is an isometry (identity environment) and everything right of
/// the last factor too (trace), so one term costs its span, not the register. Terms are visited
/// in order of their first qubit, so the centre sweeps once across the register.
/// </summary>
internal sealed class PauliExpectation
{
    private Complex[] _environment = [];
    private Complex[] _next = [];
    private Complex[] _product = [];

    /// <summary>Fills <paramref name="destination"/>[o] with ⟨observables[o]⟩ (normalised by ⟨ψ|ψ⟩).</summary>
    public void Evaluate(MpsState state, IReadOnlyList<ObservableTerm> terms, Span<double> destination)
    {
        destination.Clear();
        var norm = state.SquaredNorm;
        foreach (var term in terms)
        {
            var value = term.Pauli.IsIdentity ? 1.0 : String(state, term.Pauli) / norm;
            destination[term.Observable] += term.Coefficient * value;
        }
    }

    /// <summary>Unnormalised ⟨ψ|P|ψ⟩ of a non-identity string; moves the centre to its first qubit.</summary>
    public double String(MpsState state, PauliString pauli)
    {
        var factors = pauli.Factors;
        var first = factors[0].Qubit;
        var last = factors[^1].Qubit;
        state.MoveCentre(first);
        var dimension = state.Site(first).Left;
        var environment = Buffer(ref _environment, dimension * dimension);
        environment.Clear();
        for (var i = 0; i < dimension; i++)
        {
            environment[(i * dimension) + i] = Complex.One;
        }

        var factor = 0;
        for (var q = first; q <= last; q++)
        {
            var op = Pauli.I;
            if (factors[factor].Qubit == q)
            {
                op = factors[factor].Pauli;
                factor++;
            }

            dimension = Transfer(state.Site(q), op, dimension);
        }

        var trace = Complex.Zero;
        var final = _environment.AsSpan(0, dimension * dimension);
        for (var i = 0; i < dimension; i++)
        {
            trace += final[(i * dimension) + i];
        }

        return trace.Real;
    }

    /// <summary>E'[r, r'] = Σ conj(A[l, s, r]) E[l, l'] P[s, s'] A[l', s', r']; returns the new dimension.</summary>
    private int Transfer(SiteTensor site, Pauli op, int dimension)
    {
        int left = site.Left, right = site.Right;
        var a = site.Values;
        var product = Buffer(ref _product, left * 2 * right);
        ComplexBlas.Multiply(_environment.AsSpan(0, dimension * dimension), a, product, left, left, 2 * right);
        if (op != Pauli.I)
        {
            ApplyPauli(product, op, left, right);
        }

        var next = Buffer(ref _next, right * right);
        ComplexBlas.MultiplyAdjointLeft(a, product, next, 2 * left, right, right);
        (_environment, _next) = (_next, _environment);
        return right;
    }

    private static void ApplyPauli(Span<Complex> t, Pauli op, int left, int right)
    {
        for (var l = 0; l < left; l++)
        {
            var zero = t.Slice(l * 2 * right, right);
            var one = t.Slice(((l * 2) + 1) * right, right);
            for (var r = 0; r < right; r++)
            {
                var a = zero[r];
                var b = one[r];
                switch (op)
                {
                    case Pauli.X:
                        zero[r] = b;
                        one[r] = a;
                        break;
                    case Pauli.Y:
                        zero[r] = new Complex(b.Imaginary, -b.Real);
                        one[r] = new Complex(-a.Imaginary, a.Real);
                        break;
                    default:
                        one[r] = -b;
                        break;
                }
            }
        }
    }

    private static Span<Complex> Buffer(ref Complex[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new Complex[Math.Max(length, buffer.Length * 2)];
        }

        return buffer.AsSpan(0, length);
    }
}

/// <summary>One weighted Pauli string of the request's observable <see cref="Observable"/> (its index).</summary>
internal sealed record ObservableTerm(int Observable, double Coefficient, PauliString Pauli)
{
    /// <summary>Every term of every observable, non-identity strings sorted by first qubit so the centre sweeps once.</summary>
    public static ObservableTerm[] Flatten(IReadOnlyList<Abstractions.Observables.Observable> observables)
    {
        var terms = new List<ObservableTerm>();
        for (var o = 0; o < observables.Count; o++)
        {
            foreach (var term in observables[o].Terms)
            {
                terms.Add(new ObservableTerm(o, term.Coefficient, term.Pauli));
            }
        }

        return [.. terms.OrderBy(t => t.Pauli.IsIdentity ? -1 : t.Pauli.Factors[0].Qubit)];
    }
}
