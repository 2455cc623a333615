using Qml.Abstractions;

namespace Qml.Learning.Data.Synthetic;

/// <summary>Validation shared by the generators, so each error names the generator and the setting.</summary>
internal static class SyntheticChecks
{
    public static void AtLeast(string generator, string setting, int value, int min)
    {
        if (value < min)
        {
            throw new QmlException($"{generator}: {setting} = {value} is invalid; expected at least {min}.");
        }
    }

    public static void NonNegative(string generator, string setting, double value)
    {
        if (!(value >= 0) || double.IsInfinity(value))
        {
            throw new QmlException($"{generator}: {setting} = {value} is invalid; expected a finite number ≥ 0.");
        }
    }
}
