namespace Qml.Abstractions.Plugins;

/// <summary>
/// The version of these contracts. <see cref="Major"/> is a compile-time constant, so a plugin
/// carries the major it was built against; the host refuses a plugin whose major differs from
/// its own (a new major is a breaking change, a new minor only adds).
/// </summary>
public static class ContractVersion
{
    public const int Major = 1;

    public const int Minor = 0;

    public static Version Current => new(Major, Minor);
}
