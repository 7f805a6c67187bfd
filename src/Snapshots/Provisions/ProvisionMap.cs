namespace Snapshots.Provisions;

/// <summary>
/// The provisions of one recorded version with their identities, and what happened to each since the version before
/// (<see cref="ProvisionLineage"/>): what the <c>provisions</c> table keeps per version. Each provision's text is a range of the
/// version's text blob, with its own SHA-256; no provision has a blob of its own.
/// </summary>
/// <param name="RetiredSlugs">Every slug of a provision removed up to this version: never given again, so a provision's page stays its own.</param>
public sealed record ProvisionMap(
    long Sequence,
    string TextSha256,
    IReadOnlyList<TrackedProvision> Provisions,
    IReadOnlyList<ProvisionEvent> Events,
    IReadOnlyList<string> RetiredSlugs)
{
    public TrackedProvision? FindById(string id) => Provisions.FirstOrDefault(p => p.Id == id);

    public TrackedProvision? FindBySlug(string slug) => Provisions.FirstOrDefault(p => p.Slug == slug);

    /// <summary>The event that brought the provision with this id into this version (followed, added, split or merged), or removed it.</summary>
    public ProvisionEvent? EventOf(string id) =>
        Events.FirstOrDefault(e => e.CurrentIds.Contains(id)) ?? Events.FirstOrDefault(e => e.CurrentIds.Count == 0 && e.PreviousIds.Contains(id));

    /// <summary>The map of a version from its lineage, the slugs retired before it and the previous version's provisions.</summary>
    public static ProvisionMap Of(long sequence, string textSha256, ProvisionLineageResult lineage, ProvisionMap? previous)
    {
        var retired = new List<string>(previous?.RetiredSlugs ?? []);
        if (previous is not null)
        {
            var removed = lineage.Events.Where(e => e.Kind == ProvisionEventKind.Removed).SelectMany(e => e.PreviousIds).ToHashSet(StringComparer.Ordinal);
            retired.AddRange(previous.Provisions.Where(p => removed.Contains(p.Id)).Select(p => p.Slug));
        }
        return new ProvisionMap(sequence, textSha256, lineage.Provisions, lineage.Events, retired);
    }
}
