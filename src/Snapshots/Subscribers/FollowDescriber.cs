using Snapshots.Catalog;
using Snapshots.Provisions;

namespace Snapshots.Subscribers;

/// <summary>
/// What a subscriber follows (or a sign-up asks to), in words a person reads: a platform by its name; a provision by what it
/// is (its clause types, else its heading, else its slug) with its slug and document; a clause type by its name. Each comes
/// with the path of its page. Reads only; a follow whose document or provision is gone is still described, by its words.
/// </summary>
public sealed class FollowDescriber(DocumentCatalog catalog, ProvisionLedger ledger, ProvisionReader provisions)
{
    public const string PlatformDetail = "every change to its documents";
    public const string ClauseTypeDetail = "clause type: only changes to provisions of this type, on the platforms followed whole";

    /// <summary>Platforms first, then provisions, then clause types, each in the order of <paramref name="follows"/>.</summary>
    public async Task<IReadOnlyList<FollowDescription>> DescribeAsync(Follows follows, CancellationToken ct = default)
    {
        IReadOnlyList<DocumentRecord> documents = follows.IsEmpty ? [] : await catalog.ListAsync(ct: ct);
        var names = documents.GroupBy(d => d.PartitionKey, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().PlatformName, StringComparer.Ordinal);
        var described = follows.Platforms
            .Select(p => new FollowDescription(p, names.GetValueOrDefault(p, p), PlatformDetail, PublicSite.PlatformPath(p)))
            .ToList();
        foreach (var provision in follows.Provisions)
            described.Add(await ProvisionAsync(provision, documents.FirstOrDefault(d => d.Id == provision.Document), ct));
        described.AddRange(follows.ClauseTypes.Select(t => new FollowDescription(Follows.TypePrefix + t,
            provisions.Catalog.NameOf(t), ClauseTypeDetail, PublicSite.ClauseTypePath(t))));
        return described;
    }

    private async Task<FollowDescription> ProvisionAsync(FollowedProvision provision, DocumentRecord? document, CancellationToken ct)
    {
        var word = provision.ToString();
        var path = PublicSite.ProvisionPath(provision.Document, provision.Slug);
        if (document is null)
            return new FollowDescription(word, provision.Slug, $"provision of {provision.Document}, a document no longer tracked", path);
        // Named as in the latest version that has it (classified versions are kept in memory), not from its whole history.
        var maps = await ledger.ListAsync(document.Id, ct);
        var last = maps.LastOrDefault(m => m.FindBySlug(provision.Slug) is not null);
        var where = $"provision {provision.Slug} of {document.PlatformName}\u2019s {document.TermsType}";
        var named = last is null ? null : (await provisions.VersionAsync(document, last.Sequence, ct))?.Find(provision.Slug);
        if (named is null) return new FollowDescription(word, provision.Slug, where, path);
        return new FollowDescription(word, NameOf(named), last != maps[^1] ? $"{where}, since removed from it" : where, path);
    }

    /// <summary>What a reader calls a provision: its clause types ("Retention period"), else the heading it sits under, else its slug.</summary>
    private string NameOf(ClassifiedProvision provision) =>
        provision.Types.Count > 0 ? string.Join(", ", provision.Types.Select(t => provisions.Catalog.NameOf(t.TypeId)).Distinct(StringComparer.Ordinal))
        : provision.Provision.HeadingPath.Count > 0 ? provision.Provision.HeadingPath[^1]
        : provision.Slug;
}
