using Snapshots.Catalog;
using Snapshots.Changes;
using Snapshots.Provisions;

namespace Snapshots.Web.Pages;

/// <summary>
/// A version's provisions grouped by clause type, the most severe types first (then in catalogue order), and those without a
/// type apart: what a document page lists, and what a platform page counts.
/// </summary>
public sealed record ProvisionsByType(long Sequence, string VersionHref, int Count, IReadOnlyList<ProvisionsByType.Group> Groups,
    IReadOnlyList<ProvisionsByType.Link> Untyped, IReadOnlyList<ProvisionsByType.SeverityCount> BySeverity, string CountLine, string UntypedLine)
{
    public sealed record Group(string Name, string Href, string Severity, IReadOnlyList<Link> Provisions);

    public sealed record Link(string Href, string Title, IReadOnlyList<TextRun> Excerpt, string Severity, string Confidence);

    /// <summary>How many provisions have this severity as their highest ("2 high").</summary>
    public sealed record SeverityCount(string Severity, int Count);

    /// <summary>"12 provisions: 2 high, 3 medium, 4 low severity, 3 without a clause type".</summary>
    public static string CountLineOf(int count, IReadOnlyList<SeverityCount> bySeverity, int untyped) =>
        $"{WebFormat.Count(count, "provision")}: {string.Join(", ", bySeverity.Select(s => $"{s.Count} {s.Severity}"))} severity, {untyped} without a clause type";

    public static ProvisionsByType Of(ProvisionedVersion version, ClauseTypeCatalog catalog)
    {
        var id = version.Document.Id;
        var order = catalog.Types.Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var groups = version.Provisions
            .SelectMany(p => p.Types.Select(t => (Provision: p, Match: t)))
            .GroupBy(x => x.Match.TypeId, StringComparer.Ordinal)
            .OrderByDescending(g => g.Max(x => x.Match.Severity)).ThenBy(g => order.GetValueOrDefault(g.Key, int.MaxValue))
            .Select(g => new Group(catalog.NameOf(g.Key), ProvisionPaths.ClauseType(g.Key), ProvisionText.Severity(g.Max(x => x.Match.Severity)),
                g.Select(x => new Link(ProvisionPaths.Provision(id, x.Provision.Slug), ProvisionText.Title(x.Provision), ProvisionText.Excerpt(x.Provision, catalog, g.Key),
                    ProvisionText.Severity(x.Match.Severity), ProvisionText.Confidence(x.Match.Confidence))).ToList()))
            .ToList();
        var untyped = version.Provisions.Where(p => p.Types.Count == 0)
            .Select(p => new Link(ProvisionPaths.Provision(id, p.Slug), ProvisionText.Title(p), HighlightedText.Excerpt(p.Text, [], 160), "none", "")).ToList();
        var bySeverity = new[] { SeverityLevel.High, SeverityLevel.Medium, SeverityLevel.Low }
            .Select(s => new SeverityCount(ProvisionText.Severity(s), version.Provisions.Count(p => p.Severity == s))).ToList();
        return new ProvisionsByType(version.Version.Sequence, PublicSite.VersionPath(id, version.Version.Sequence), version.Provisions.Count, groups, untyped, bySeverity,
            CountLineOf(version.Provisions.Count, bySeverity, untyped.Count), $"{WebFormat.Count(untyped.Count, "provision")} without a clause type");
    }
}
