using System.Reflection;
using Newtonsoft.Json;

namespace Qml.Samples.TinyStatevector;

/// <summary>
/// The version of Newtonsoft.Json this plugin actually runs with, read from the loaded assembly:
/// the host gives each plugin its own load context, so two plugins may carry two versions.
/// </summary>
internal static class PrivateDependency
{
    public static string Version { get; } =
        typeof(JsonConvert).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "?";
}
