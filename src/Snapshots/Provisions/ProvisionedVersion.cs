using Snapshots.Archive;
using Snapshots.Catalog;

namespace Snapshots.Provisions;

/// <summary>One recorded version of a document with its provisions, their identities and their clause types.</summary>
public sealed record ProvisionedVersion(DocumentRecord Document, VersionRecord Version, string Text, ProvisionMap Map, IReadOnlyList<ClassifiedProvision> Provisions)
{
    /// <summary>The provision with this slug or id in this version; null when it has none.</summary>
    public ClassifiedProvision? Find(string slugOrId) =>
        Provisions.FirstOrDefault(p => p.Slug == slugOrId) ?? Provisions.FirstOrDefault(p => p.Id == slugOrId);

    public ClassifiedProvision? FindId(string id) => Provisions.FirstOrDefault(p => p.Id == id);

    public IEnumerable<ClassifiedProvision> OfType(string typeId) => Provisions.Where(p => p.Has(typeId));
}
