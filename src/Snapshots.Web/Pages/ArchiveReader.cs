using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Changes;

namespace Snapshots.Web.Pages;

/// <summary>Reads what the pages, feeds and API show: platforms, documents, versions and texts, from the catalog and the ledger.</summary>
public sealed class ArchiveReader(DocumentCatalog catalog, VersionLedger ledger, SnapshotArchive archive, ChangeSummarizer summarizer, TimeProvider clock)
{
    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Tracked platforms with their documents, by slug.</summary>
    public async Task<IReadOnlyList<PlatformDocuments>> PlatformsAsync(CancellationToken ct) =>
        (await catalog.ListAsync(ct: ct))
            .GroupBy(d => d.PartitionKey, StringComparer.Ordinal)
            .Select(g => new PlatformDocuments(g.Key, g.First().PlatformName, g.ToList()))
            .ToList();

    public async Task<PlatformDocuments?> PlatformAsync(string platform, CancellationToken ct)
    {
        if (!Slug.IsValid(platform)) return null;
        var documents = await catalog.ListAsync(platform, ct);
        return documents.Count == 0 ? null : new PlatformDocuments(platform, documents[0].PlatformName, documents);
    }

    public async Task<DocumentRecord?> DocumentAsync(string platform, string termsType, CancellationToken ct) =>
        Slug.IsValid(platform) && Slug.IsValid(termsType) ? await catalog.FindAsync(new DocumentId(platform, termsType), ct) : null;

    public Task<IReadOnlyList<VersionRecord>> VersionsAsync(DocumentId document, CancellationToken ct) => ledger.ListAsync(document, ct);

    public Task<IReadOnlyList<VersionRecord>> VersionsSinceAsync(DocumentId document, DateTimeOffset since, CancellationToken ct) =>
        ledger.ListSinceAsync(document, since, ct);

    public async Task<VersionRecord?> VersionAsync(DocumentId document, long sequence, CancellationToken ct) =>
        sequence < 1 ? null : await ledger.FindAsync(document, sequence, ct);

    public Task<string> TextAsync(VersionRecord version, CancellationToken ct) => archive.ReadTextAsync(version.TextBlob, ct);

    public Task<byte[]> BlobAsync(string blob, CancellationToken ct) => archive.ReadAsync(blob, ct);

    /// <summary>The comparison of two versions (any order of sequence numbers; <paramref name="from"/> is the older text).</summary>
    public async Task<DocumentDiff> CompareAsync(VersionRecord? from, VersionRecord to, CancellationToken ct)
    {
        var current = await TextAsync(to, ct);
        var previous = from is null ? null : await TextAsync(from, ct);
        return summarizer.Compare(previous, current);
    }

    /// <summary>The stored summary of a version's change from the one before it, if it was recorded.</summary>
    public static ChangeSummary? SummaryOf(VersionRecord version)
    {
        if (string.IsNullOrWhiteSpace(version.SummaryJson)) return null;
        try { return ChangeSummaryJson.Deserialize(version.SummaryJson); }
        catch (System.Text.Json.JsonException) { return null; }
    }
}

public sealed record PlatformDocuments(string Slug, string Name, IReadOnlyList<DocumentRecord> Documents);
