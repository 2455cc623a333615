using Qml.Abstractions;

namespace Qml.Learning.Adversarial;

/// <summary>
/// An L∞ evasion attack on a model's (prepared, i.e. scaled) input features: FGSM (one signed
/// gradient step of size <see cref="Epsilon"/>) or PGD (<see cref="Steps"/> signed steps of
/// <see cref="StepSize"/>, each projected back into the ε-ball around the clean input).
/// </summary>
public sealed record AttackOptions
{
    /// <summary>The valid <see cref="Method"/> spellings.</summary>
    public static IReadOnlyList<string> MethodNames { get; } = ["fgsm", "pgd"];

    /// <summary>"fgsm" or "pgd".</summary>
    public string Method { get; init; } = "fgsm";

    /// <summary>The L∞ radius: no feature moves by more than this.</summary>
    public double Epsilon { get; init; } = 0.1;

    /// <summary>PGD iterations.</summary>
    public int Steps { get; init; } = 10;

    /// <summary>PGD step size; null = ε/4 (so the steps can cross the ball 2.5 times).</summary>
    public double? StepSize { get; init; }

    /// <summary>PGD starts from a uniformly random point of the ball (Madry et al.) drawn with this seed; null = from the clean input.</summary>
    public int? RandomStartSeed { get; init; }

    /// <summary>The PGD step size used: <see cref="StepSize"/>, or ε/4 when it is null.</summary>
    public double EffectiveStepSize => StepSize ?? Epsilon / 4;

    /// <exception cref="QmlException">An option is out of range; the message names it.</exception>
    public void Validate()
    {
        if (!MethodNames.Contains(Method))
        {
            throw new QmlException($"unknown attack method '{Method}'; valid: {string.Join(", ", MethodNames)}.");
        }

        if (!(Epsilon >= 0) || double.IsInfinity(Epsilon))
        {
            throw new QmlException($"--epsilon {Epsilon} is invalid: expected a finite number ≥ 0.");
        }

        if (Steps < 1)
        {
            throw new QmlException($"--steps {Steps} is invalid: expected at least 1.");
        }

        if (StepSize is { } step && (!(step > 0) || double.IsInfinity(step)))
        {
            throw new QmlException($"--step-size {step} is invalid: expected a positive number.");
        }
    }
}
