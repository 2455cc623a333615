using Qml.Abstractions.Execution;

namespace Qml.Host.Cli;

/// <summary>The spelling of gradient methods users type after <c>--diff</c> and read in listings.</summary>
internal static class GradientMethodNames
{
    public static IReadOnlyList<string> Of(GradientMethods methods)
    {
        var names = new List<string>(3);
        if (methods.HasFlag(GradientMethods.Adjoint))
        {
            names.Add("adjoint");
        }

        if (methods.HasFlag(GradientMethods.ParameterShift))
        {
            names.Add("parameter-shift");
        }

        if (methods.HasFlag(GradientMethods.FiniteDifference))
        {
            names.Add("finite-diff");
        }

        return names;
    }
}
