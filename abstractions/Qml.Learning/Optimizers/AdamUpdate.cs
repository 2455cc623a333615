using Qml.Learning.Layers;
using Qml.Learning.Tensors;

namespace Qml.Learning.Optimizers;

/// <summary>The Adam moment update shared by <see cref="Adam"/> and <see cref="AdamW"/>; they differ only in where decay enters.</summary>
internal static class AdamUpdate
{
    public static void Apply(IReadOnlyList<Parameter> parameters, Tensor[] m, Tensor[] v, long step, double lr, AdamOptions o, bool decoupled)
    {
        double b1 = o.Beta1, b2 = o.Beta2;
        double correction1 = 1 - Math.Pow(b1, step), correction2 = 1 - Math.Pow(b2, step);

        // PyTorch's arrangement: p −= (lr / c1) · m / (√v / √c2 + ε).
        double stepSize = lr / correction1, sqrtC2 = Math.Sqrt(correction2);
        for (int k = 0; k < parameters.Count; k++)
        {
            if (parameters[k].Grad is not { } grad)
            {
                continue;
            }

            Span<double> p = parameters[k].Value.Data, mk = m[k].Data, vk = v[k].Data;
            ReadOnlySpan<double> g = grad.Data;
            double decay = o.WeightDecay;
            for (int i = 0; i < p.Length; i++)
            {
                double gi = g[i];
                if (decoupled)
                {
                    p[i] *= 1 - (lr * decay);
                }
                else
                {
                    gi += decay * p[i];
                }

                mk[i] = (b1 * mk[i]) + ((1 - b1) * gi);
                vk[i] = (b2 * vk[i]) + ((1 - b2) * gi * gi);
                p[i] -= stepSize * mk[i] / ((Math.Sqrt(vk[i]) / sqrtC2) + o.Epsilon);
            }
        }
    }

    public static void Validate(AdamOptions o)
    {
        if (!(o.Beta1 >= 0 && o.Beta1 < 1) || !(o.Beta2 >= 0 && o.Beta2 < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(o), $"Adam's betas must lie in [0, 1); got {o.Beta1} and {o.Beta2}.");
        }

        if (!(o.Epsilon >= 0) || !(o.WeightDecay >= 0) || !double.IsFinite(o.WeightDecay))
        {
            throw new ArgumentOutOfRangeException(nameof(o), "Adam's epsilon and weight decay must be finite and non-negative.");
        }
    }
}
