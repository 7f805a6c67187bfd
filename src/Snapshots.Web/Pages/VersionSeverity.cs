using Snapshots.Archive;
using Snapshots.Changes;

namespace Snapshots.Web.Pages;

/// <summary>
/// A change's severity as alerts give it (<see cref="ChangeSeverity"/>): the one recorded with the version, or for a version
/// recorded before severity, rated again from its stored summary. A first version has none (nothing changed).
/// </summary>
public static class VersionSeverity
{
    /// <summary>What a page shows: the level as a class and label ("high") and the reason in words.</summary>
    public sealed record Shown(string Level, string Reason)
    {
        public string Line => $"Severity {Level}: {Reason}";
    }

    public static Shown? Of(VersionRecord version, TopicCatalog topics)
    {
        if (version.Sequence <= 1) return null;
        if (version.Severity is { } stored && Enum.TryParse<SeverityLevel>(stored, ignoreCase: true, out var level) && Enum.IsDefined(level))
            return new Shown(ChangeSeverity.Name(level), version.SeverityReason ?? "");
        return ArchiveReader.SummaryOf(version) is { } summary && ChangeSeverity.Rate(summary, topics) is var rated
            ? new Shown(rated.Label, rated.Reason)
            : null;
    }
}
