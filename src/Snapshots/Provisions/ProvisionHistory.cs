using Snapshots.Archive;
using Snapshots.Catalog;

namespace Snapshots.Provisions;

/// <summary>
/// One provision across a document's versions: every version in which it changed (added, modified, split, merged, removed),
/// oldest first, with what it was then; its current text when the latest version still has it.
/// </summary>
/// <param name="Changes">The versions that changed it; the first is the one that added it (for the first version: where tracking starts).</param>
/// <param name="Current">The provision in the latest version that has it (the latest version, unless it was removed).</param>
public sealed record ProvisionHistory(DocumentRecord Document, string Id, string Slug, IReadOnlyList<ProvisionChange> Changes, ProvisionedVersion Latest, ClassifiedProvision Current, bool Removed)
{
    /// <summary>Changes after it first appeared: "this provision changed N times since …".</summary>
    public IEnumerable<ProvisionChange> Edits => Changes.Skip(1);
}

/// <summary>
/// A version that changed a provision: what happened (<see cref="Event"/>), its text before (null when added) and after
/// (null when removed).
/// </summary>
public sealed record ProvisionChange(VersionRecord Version, ProvisionEvent Event, string? Before, string? After);
