using Qml.Abstractions;
using Qml.Learning.Data;
using Qml.Learning.Models;
using Qml.Learning.Tensors;

namespace Qml.Learning.Adversarial;

/// <summary>
/// Input-gradient attacks on any <see cref="IModel"/> whose network passes gradients to its
/// input (classical layers, and quantum layers through their encoding angles): the gradient of
/// the model's own training loss with respect to the input features, through the whole hybrid
/// model, then FGSM (Goodfellow et al.) or PGD (Madry et al.) in the L∞ ball.
/// </summary>
public static class Attacks
{
    /// <summary>∇ₓ loss(model(x), labels) for the batch's rows (row-major like <see cref="DatasetBatch.Features"/>), with the loss value.</summary>
    /// <exception cref="QmlException">The model's network does not pass gradients to its input (e.g. a kernel machine).</exception>
    public static (double[] Gradient, double Loss) InputGradient(IModel model, DatasetBatch batch, double[]? features = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        var input = Tensor.FromArray([batch.Size, batch.FeatureCount], features ?? batch.Features);
        input.RequiresGrad = true;
        var loss = model.Loss(model.Network.Forward(input), batch);
        var value = loss.Item();
        if (loss.RequiresGrad)
        {
            loss.Backward();
        }

        // The attack must leave no trace in the parameters' gradients (adversarial training steps right after).
        model.Network.ZeroGrad();
        var gradient = input.Grad ?? throw new QmlException(
            $"model '{model.Card.ModelId}' does not pass gradients to its inputs, so gradient attacks (FGSM, PGD) cannot run on it.");
        return (gradient.ToArray(), value);
    }

    /// <summary>FGSM: x + ε·sign(∇ₓ loss).</summary>
    public static double[] Fgsm(IModel model, DatasetBatch batch, double epsilon)
    {
        var (gradient, _) = InputGradient(model, batch);
        var adversarial = (double[])batch.Features.Clone();
        for (var i = 0; i < adversarial.Length; i++)
        {
            adversarial[i] += epsilon * Math.Sign(gradient[i]);
        }

        return adversarial;
    }

    /// <summary>PGD: repeated signed steps, each projected onto ‖x′ − x‖∞ ≤ ε.</summary>
    public static double[] Pgd(IModel model, DatasetBatch batch, double epsilon, int steps, double stepSize, int? randomStartSeed = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var clean = batch.Features;
        var current = (double[])clean.Clone();
        if (randomStartSeed is { } seed)
        {
            var random = new Random(seed);
            for (var i = 0; i < current.Length; i++)
            {
                current[i] += epsilon * ((2 * random.NextDouble()) - 1);
            }
        }

        for (var step = 0; step < steps; step++)
        {
            var (gradient, _) = InputGradient(model, batch, current);
            for (var i = 0; i < current.Length; i++)
            {
                current[i] = Math.Clamp(current[i] + (stepSize * Math.Sign(gradient[i])), clean[i] - epsilon, clean[i] + epsilon);
            }
        }

        return current;
    }

    /// <summary>The adversarial rows of <paramref name="batch"/> by <paramref name="options"/>.</summary>
    public static double[] Perturb(IModel model, DatasetBatch batch, AttackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options.Method == "pgd"
            ? Pgd(model, batch, options.Epsilon, options.Steps, options.EffectiveStepSize, options.RandomStartSeed)
            : Fgsm(model, batch, options.Epsilon);
    }
}
