namespace Snapshots.Provisions;

/// <summary>The current version's provisions with their identities, and what happened to each since the previous version.</summary>
/// <param name="Provisions">Every provision of the current version, in order, with its id and slug.</param>
/// <param name="Events">One entry per provision followed, added, removed, split or merged, in current document order.</param>
public sealed record ProvisionLineageResult(IReadOnlyList<TrackedProvision> Provisions, IReadOnlyList<ProvisionEvent> Events)
{
    public IEnumerable<ProvisionEvent> Changes => Events.Where(e => e.IsChange);

    public int Count(ProvisionEventKind kind) => Events.Count(e => e.Kind == kind);
}
