using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Provisions;
using Snapshots.Web.Pages;

namespace Snapshots.Web.Feeds;

/// <summary>A change to a provision of a clause type: the version that made it, what happened, the provision before and after.</summary>
public sealed record ClauseTypeChange(DocumentRecord Document, VersionRecord Version, ProvisionEvent Event, ClassifiedProvision? Before, ClassifiedProvision? After)
{
    /// <summary>The provision as it is after the change, or as it was before a removal.</summary>
    public ClassifiedProvision Provision => After ?? Before!;
}

/// <summary>
/// The recent changes to provisions of one clause type on every tracked platform: every version recorded within the window
/// (after the first of its document) whose lineage marks a provision changed that has the type after the change or had it
/// before. Bounded by the window and a count, newest first; reads each document's recent versions and their predecessors'
/// provisions (kept in memory by the reader).
/// </summary>
public static class ClauseTypeChanges
{
    public static async Task<IReadOnlyList<ClauseTypeChange>> RecentAsync(ArchiveReader archive, ProvisionReader provisions, string typeId,
        DateTimeOffset since, int max, CancellationToken ct)
    {
        var changes = new List<ClauseTypeChange>();
        foreach (var document in (await archive.PlatformsAsync(ct)).SelectMany(p => p.Documents))
        {
            foreach (var version in await archive.VersionsSinceAsync(document.Id, since, ct))
            {
                if (version.Sequence < 2) continue;
                var after = await provisions.VersionAsync(document, version, ct);
                var before = after is null ? null : await provisions.VersionAsync(document, version.Sequence - 1, ct);
                if (after is null || before is null) continue;
                foreach (var e in after.Map.Events.Where(e => e.IsChange))
                {
                    var now = e.CurrentId is { } current ? after.Find(current) : null;
                    var was = e.PreviousId is { } previous ? before.Find(previous) : null;
                    if (now?.Has(typeId) == true || was?.Has(typeId) == true) changes.Add(new ClauseTypeChange(document, version, e, was, now));
                }
            }
        }
        return changes.OrderByDescending(c => c.Version.CapturedAt).ThenBy(c => c.Document.Id.ToString(), StringComparer.Ordinal)
            .ThenBy(c => c.Provision.Provision.Ordinal).Take(max).ToList();
    }
}
