namespace Qml.Abstractions.Tests;

/// <summary>What the approval check decided, and the file to approve if the change is intended.</summary>
/// <param name="Approved">The surface matches the approved file and the version rules hold.</param>
/// <param name="Message">Why not, naming the members and what to do.</param>
/// <param name="Received">The approved-file text for the current surface (with any breaking removals recorded).</param>
internal sealed record PublicApiVerdict(bool Approved, string Message, string Received);

/// <summary>
/// The version rule for an SDK assembly's public surface. The approved file records the contract
/// version it was approved at (<c># contract 1.1</c>) and one line per member. Within one major,
/// members may only be added; a removed or changed member is breaking and needs a new major.
/// When that happens the received file keeps each lost member as a <c>REMOVED</c> line, and an
/// approved file holding such lines is refused until the major is raised, so copying the received
/// file over the approved one cannot wave a breaking change through.
/// </summary>
internal static class PublicApiApproval
{
    private const string VersionPrefix = "# contract ";
    private const string RemovedPrefix = "REMOVED ";

    public static PublicApiVerdict Check(string assemblyName, Version actualVersion, IReadOnlyList<string> actualMembers, string? approvedText)
    {
        var approved = Parse(approvedText ?? string.Empty);
        var removed = approved.Members.Except(actualMembers, StringComparer.Ordinal).ToList();
        var added = actualMembers.Except(approved.Members, StringComparer.Ordinal).ToList();
        var freshReceived = Render(assemblyName, actualVersion, actualMembers, []);

        if (approved.Version is null)
        {
            return Reject($"{assemblyName} has no approved public API file yet (or it lacks its '{VersionPrefix}M.m' line).", freshReceived);
        }

        if (actualVersion.Major != approved.Version.Major)
        {
            return actualVersion.Major > approved.Version.Major
                ? Reject($"{assemblyName} moved from contract {approved.Version.Major}.x to {actualVersion.Major}.x: a new major may break anything. " +
                         $"Approve the {actualVersion.Major}.x surface ({removed.Count} members removed or changed, {added.Count} added).", freshReceived)
                : Reject($"{assemblyName} is at contract {actualVersion.ToString(2)}, older than the approved {approved.Version.ToString(2)}: " +
                         "the contract version never goes down.", freshReceived);
        }

        if (approved.Removed.Count > 0)
        {
            return Reject($"The approved API of {assemblyName} records {approved.Removed.Count} members removed within contract {approved.Version.Major}.x " +
                          $"(REMOVED lines), e.g. '{approved.Removed[0].Trim()}'. A breaking change needs a new major: restore them, or raise " +
                          $"QmlContractVersion in Directory.Build.props to {approved.Version.Major + 1}.0.0 (and ContractVersion.Major).",
                Render(assemblyName, actualVersion, actualMembers, approved.Removed));
        }

        if (removed.Count > 0)
        {
            return Reject($"Breaking change without a major bump: {removed.Count} public members of {assemblyName} were removed or changed, so a plugin " +
                          $"built against contract {approved.Version.Major}.x could fail to load or run: {Preview(removed)}. Restore them, or raise " +
                          $"QmlContractVersion in Directory.Build.props to {approved.Version.Major + 1}.0.0 (and ContractVersion.Major) and approve again.",
                Render(assemblyName, actualVersion, actualMembers, removed));
        }

        if (added.Count > 0 || actualVersion.Minor != approved.Version.Minor)
        {
            return Reject($"The public API of {assemblyName} grew by {added.Count} members ({Preview(added)}) or its contract version changed " +
                          $"({approved.Version.ToString(2)} -> {actualVersion.ToString(2)}). Additions are compatible; approve them (a contract " +
                          "addition that plugins should rely on also raises the minor).", freshReceived);
        }

        return new PublicApiVerdict(true, string.Empty, freshReceived);
    }

    public static string Render(string assemblyName, Version version, IEnumerable<string> members, IEnumerable<string> removed)
    {
        var text = new System.Text.StringBuilder()
            .Append($"# Public API of {assemblyName}; see docs/plugins.md, \"Version rules\".\n")
            .Append($"{VersionPrefix}{version.ToString(2)}\n");
        foreach (var line in members)
        {
            text.Append(line).Append('\n');
        }

        foreach (var line in removed)
        {
            text.Append(RemovedPrefix).Append(line.Trim()).Append('\n');
        }

        return text.ToString();
    }

    private static PublicApiVerdict Reject(string message, string received) => new(false, message, received);

    private static string Preview(IReadOnlyList<string> lines) =>
        string.Join("; ", lines.Take(5).Select(l => l.Trim())) + (lines.Count > 5 ? $"; and {lines.Count - 5} more" : string.Empty);

    private static (Version? Version, IReadOnlyList<string> Members, IReadOnlyList<string> Removed) Parse(string text)
    {
        Version? version = null;
        var members = new List<string>();
        var removed = new List<string>();
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.StartsWith(VersionPrefix, StringComparison.Ordinal))
            {
                version = Version.Parse(line[VersionPrefix.Length..].Trim());
            }
            else if (line.StartsWith(RemovedPrefix, StringComparison.Ordinal))
            {
                removed.Add(line[RemovedPrefix.Length..]);
            }
            else if (line.Length > 0 && !line.StartsWith('#'))
            {
                members.Add(line);
            }
        }

        return (version, members, removed);
    }
}
