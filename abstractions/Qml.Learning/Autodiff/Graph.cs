using Qml.Learning.Tensors;

namespace Qml.Learning.Autodiff;

/// <summary>Records op results and runs reverse-mode accumulation over them.</summary>
internal static class Graph
{
    /// <summary>
    /// Attaches <paramref name="backward"/> to <paramref name="result"/> when gradients are enabled and
    /// some input requires them; otherwise <paramref name="result"/> stays a plain tensor.
    /// </summary>
    public static Tensor Record(Tensor result, Tensor[] inputs, Func<Tensor, Tensor?[]> backward)
    {
        if (!NoGradScope.IsGradEnabled)
        {
            return result;
        }

        foreach (Tensor input in inputs)
        {
            if (input.RequiresGrad)
            {
                result.AttachNode(new GraphNode(inputs, backward));
                return result;
            }
        }

        return result;
    }

    public static bool AnyRequiresGrad(Tensor a) => a.RequiresGrad && NoGradScope.IsGradEnabled;

    public static void Backward(Tensor root, Tensor seed)
    {
        List<Tensor> order = TopologicalOrder(root);
        var grads = new Dictionary<Tensor, Tensor>(ReferenceEqualityComparer.Instance) { [root] = seed };
        using var scope = new NoGradScope();

        // order lists inputs before results; walk it backwards so each result's gradient is
        // complete (every consumer has contributed) before it is pushed to its inputs.
        for (int n = order.Count - 1; n >= 0; n--)
        {
            Tensor t = order[n];
            if (!grads.Remove(t, out Tensor? grad))
            {
                continue;
            }

            if (t.Node is not { } node)
            {
                // A leaf: keep a private copy so no two leaves share a gradient buffer.
                t.Grad = t.Grad is null ? grad.Clone() : AddValues(t.Grad, grad);
                continue;
            }

            Tensor?[] inputGrads = node.Backward(grad);
            for (int i = 0; i < node.Inputs.Length; i++)
            {
                Tensor input = node.Inputs[i];
                if (!input.RequiresGrad || inputGrads[i] is not { } g)
                {
                    continue;
                }

                if (!g.Dims.SequenceEqual(input.Dims))
                {
                    throw new InvalidOperationException($"Internal error: a gradient of shape {ShapeUtil.Format(g.Dims)} reached an input of shape {ShapeUtil.Format(input.Dims)}.");
                }

                grads[input] = grads.TryGetValue(input, out Tensor? existing) ? AddValues(existing, g) : g;
            }
        }
    }

    private static Tensor AddValues(Tensor a, Tensor b)
    {
        // Never in place: a gradient may be shared between several inputs of one op.
        var sum = Tensor.Zeros(a.ShapeArray);
        System.Numerics.Tensors.TensorPrimitives.Add(a.Data, b.Data, sum.Data);
        return sum;
    }

    /// <summary>Post-order over the tensors that require gradients, iteratively (unrolled LSTMs make deep graphs).</summary>
    private static List<Tensor> TopologicalOrder(Tensor root)
    {
        var order = new List<Tensor>();
        var visited = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Tensor Tensor, int NextInput)>();
        stack.Push((root, 0));
        visited.Add(root);
        while (stack.Count > 0)
        {
            (Tensor t, int next) = stack.Pop();
            Tensor[] inputs = t.Node?.Inputs ?? [];
            if (next < inputs.Length)
            {
                stack.Push((t, next + 1));
                Tensor input = inputs[next];
                if (input.RequiresGrad && visited.Add(input))
                {
                    stack.Push((input, 0));
                }
            }
            else
            {
                order.Add(t);
            }
        }

        return order;
    }
}
