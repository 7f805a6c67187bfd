namespace Snapshots.Provisions;

/// <summary>
/// A provision a version changed (added, modified, split, merged or removed), with what it was before and is now (each null
/// on the side where it does not exist) and the clause types of either side.
/// </summary>
public sealed record ChangedProvision(ProvisionEvent Event, ClassifiedProvision? Before, ClassifiedProvision? After)
{
    /// <summary>The provision as a reader knows it: now, or as it was when removed.</summary>
    public ClassifiedProvision Provision => After ?? Before!;

    public string Slug => Provision.Slug;

    /// <summary>The clause types of either side: a change that removes a training clause is a change to training.</summary>
    public IReadOnlySet<string> TypeIds => Ids(Before).Concat(Ids(After)).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The clause types it has now and did not have before; none when it was added (its verb says that all of its types are
    /// new).
    /// </summary>
    public IReadOnlyList<string> GainedTypeIds => Before is null ? [] : Ids(After).Except(Ids(Before), StringComparer.Ordinal).ToList();

    /// <summary>The clause types it had before and has no more; none when it was removed (its verb says that all are gone).</summary>
    public IReadOnlyList<string> LostTypeIds => After is null ? [] : Ids(Before).Except(Ids(After), StringComparer.Ordinal).ToList();

    private static IEnumerable<string> Ids(ClassifiedProvision? side) => (side?.Types ?? []).Select(t => t.TypeId);

    /// <summary>"modified", "added", "removed", "split", "merged".</summary>
    public string Verb => Event.Kind.ToString().ToLowerInvariant();

    /// <summary>
    /// What a reader calls it: the name of the clause type the change is about (one it gained, else one it lost, else one it
    /// has; explicit before inferred, the most severe first), else its innermost heading, else its slug; e.g. "Training
    /// opt-out carve-out".
    /// </summary>
    public string Name(ClauseTypeCatalog catalog)
    {
        var before = Ids(Before).ToHashSet(StringComparer.Ordinal);
        var after = Ids(After).ToHashSet(StringComparer.Ordinal);
        var type = (After?.Types ?? []).Concat(Before?.Types ?? [])
            .OrderByDescending(t => after.Contains(t.TypeId) != before.Contains(t.TypeId) ? after.Contains(t.TypeId) ? 2 : 1 : 0)
            .ThenByDescending(t => t.Confidence).ThenByDescending(t => t.Severity).FirstOrDefault();
        if (type is not null && catalog.Find(type.TypeId) is { } entry) return entry.Name;
        return Provision.Provision.HeadingPath.Count > 0 ? Provision.Provision.HeadingPath[^1] : Slug;
    }
}
