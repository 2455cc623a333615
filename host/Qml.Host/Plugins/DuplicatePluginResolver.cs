namespace Qml.Host.Plugins;

/// <summary>
/// Two folders with the same plugin id: the higher version is kept, the other is
/// <see cref="PluginStatus.Superseded"/> before its <c>ConfigureServices</c> runs. On equal
/// versions the folder read first (ordinal name order) wins.
/// </summary>
internal static class DuplicatePluginResolver
{
    public static IReadOnlyList<PluginActivation> Resolve(IReadOnlyList<PluginActivation> activations)
    {
        var winners = activations
            .Where(a => a.Module is not null)
            .GroupBy(a => a.Handle.Id!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(
                g => g.Key,
                g => g.Aggregate((best, next) => next.Handle.Version! > best.Handle.Version! ? next : best),
                StringComparer.OrdinalIgnoreCase);

        return activations.Select(a => a.Module is null || ReferenceEquals(winners[a.Handle.Id!], a) ? a : Supersede(a, winners[a.Handle.Id!].Handle)).ToList();
    }

    private static PluginActivation Supersede(PluginActivation loser, PluginHandle winner)
    {
        var handle = loser.Handle;
        var why = handle.Version == winner.Version
            ? $"has the same version, and its folder comes first in name order"
            : $"has the higher version {winner.Version}";
        return PluginActivation.Failed(handle, PluginStatus.Superseded,
            $"Plugin '{handle.Path}' ({handle.Id} {handle.Version}) is superseded by '{winner.Path}', which {why}; " +
            "remove one of the two folders to silence this.");
    }
}
