using Qml.Learning.Layers;
using Qml.Learning.Tensors;

namespace Qml.Learning.Tests.Optimizers;

/// <summary>Test objectives built from differentiable ops, and closures over them.</summary>
internal static class Objectives
{
    /// <summary>Σ 100·(x[i+1] − x[i]²)² + (1 − x[i])²; minimum 0 at all ones.</summary>
    public static Tensor Rosenbrock(Tensor x)
    {
        int n = x.Length;
        Tensor head = Ops.Narrow(x, 0, 0, n - 1), tail = Ops.Narrow(x, 0, 1, n - 1);
        Tensor valley = Ops.Square(Ops.Sub(tail, Ops.Square(head)));
        Tensor slope = Ops.Square(Ops.AddScalar(Ops.Neg(head), 1));
        return Ops.Sum(Ops.Add(Ops.MulScalar(valley, 100), slope));
    }

    /// <summary>The classic start (−1.2, 1, −1.2, 1, …).</summary>
    public static Parameter RosenbrockStart(int n)
    {
        var x = Tensor.Zeros(n);
        for (int i = 0; i < n; i++)
        {
            x.Data[i] = i % 2 == 0 ? -1.2 : 1.0;
        }

        return new Parameter("x", x);
    }

    /// <summary>An SPD quadratic ½xᵀAx − bᵀx with eigenvalues 1…10 and its minimiser A⁻¹b.</summary>
    public sealed class Quadratic
    {
        public Quadratic(int n, int seed)
        {
            var random = new Random(seed);

            // A = Σ λ_i q_i q_iᵀ with an orthonormal basis from Gram–Schmidt.
            var q = new double[n][];
            for (int i = 0; i < n; i++)
            {
                q[i] = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
                for (int j = 0; j < i; j++)
                {
                    double dot = q[i].Zip(q[j], (a, b) => a * b).Sum();
                    for (int k = 0; k < n; k++)
                    {
                        q[i][k] -= dot * q[j][k];
                    }
                }

                double norm = Math.Sqrt(q[i].Sum(v => v * v));
                for (int k = 0; k < n; k++)
                {
                    q[i][k] /= norm;
                }
            }

            A = Tensor.Zeros(n, n);
            Minimiser = new double[n];
            var b = new double[n];
            for (int i = 0; i < n; i++)
            {
                double lambda = 1 + (9.0 * i / (n - 1));
                double coefficient = random.NextDouble() - 0.5; // minimiser component along q_i
                for (int r = 0; r < n; r++)
                {
                    Minimiser[r] += coefficient * q[i][r];
                    b[r] += lambda * coefficient * q[i][r];
                    for (int c = 0; c < n; c++)
                    {
                        A[r, c] += lambda * q[i][r] * q[i][c];
                    }
                }
            }

            B = Tensor.FromArray([n, 1], b);
        }

        public Tensor A { get; }

        public Tensor B { get; }

        public double[] Minimiser { get; }

        public Tensor Loss(Tensor x) => Ops.Sub(Ops.MulScalar(Ops.Sum(Ops.Mul(x, Ops.MatMul(A, x))), 0.5), Ops.Sum(Ops.Mul(B, x)));

        public double Distance(Parameter x) => Math.Sqrt(x.Value.ToArray().Zip(Minimiser, (a, m) => (a - m) * (a - m)).Sum());
    }

    /// <summary>The closure contract: clear gradients, evaluate, backward, return the loss.</summary>
    public static Func<double> Closure(Parameter x, Func<Tensor, Tensor> loss) => () =>
    {
        x.ZeroGrad();
        Tensor l = loss(x.Value);
        l.Backward();
        return l.Item();
    };
}
