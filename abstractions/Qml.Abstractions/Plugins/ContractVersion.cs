namespace Qml.Abstractions.Plugins;

/// <summary>
/// The version of these contracts. <see cref="Major"/> is a compile-time constant, so a plugin
/// carries the major it was built against; the host refuses a plugin whose major differs from
/// its own (a new major is a breaking change, a new minor only adds). It equals the SDK package
/// and assembly version (<c>QmlContractVersion</c> in Directory.Build.props).
/// </summary>
/// <remarks>1.1 added plugin commands (<see cref="IPluginCommand"/>).</remarks>
public static class ContractVersion
{
    /// <summary>Breaking changes raise it; the host loads only plugins built against its own major.</summary>
    public const int Major = 1;

    /// <summary>Additions raise it; the host loads plugins built against its minor or an older one.</summary>
    public const int Minor = 1;

    /// <summary><see cref="Major"/>.<see cref="Minor"/>.</summary>
    public static Version Current => new(Major, Minor);
}
