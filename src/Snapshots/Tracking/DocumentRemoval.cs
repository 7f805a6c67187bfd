using Azure;
using Azure.Data.Tables;
using Snapshots.Catalog;
using Snapshots.Storage;

namespace Snapshots.Tracking;

/// <summary>
/// Stops tracking documents. A document with recorded versions is removed only when its history goes too
/// (<c>withHistory</c>): its version rows, every archived blob under its prefix, and what was derived from its versions
/// (observations of returns to known variants, provisions). Otherwise nothing is deleted and the
/// plan says what would go. Evidence is never removed by accident: the caller must ask for it.
/// </summary>
public sealed class DocumentRemoval(DocumentCatalog catalog, StorageClients storage)
{
    /// <summary>What removing these documents deletes (or would delete).</summary>
    public async Task<RemovalPlan> PlanAsync(IReadOnlyList<DocumentId> documents, CancellationToken ct = default)
    {
        var items = new List<RemovalItem>();
        foreach (var id in documents)
        {
            var versions = await RowKeysAsync(storage.Versions, id.VersionsPartitionKey, ct);
            var blobs = await BlobNamesAsync(id, ct);
            items.Add(new RemovalItem(id, versions.Count, blobs.Count));
        }
        return new RemovalPlan(items);
    }

    /// <summary>Removes the documents; refused (nothing deleted) when any has history and <paramref name="withHistory"/> is false.</summary>
    public async Task<RemovalPlan> RemoveAsync(IReadOnlyList<DocumentId> documents, bool withHistory, CancellationToken ct = default)
    {
        var plan = await PlanAsync(documents, ct);
        if (!withHistory && plan.Items.Any(i => i.Versions > 0 || i.Blobs > 0))
            throw new HistoryWouldBeLostException(plan);
        foreach (var id in documents)
        {
            // The document row first: once it is gone nothing schedules or records a new version for it.
            await catalog.DeleteAsync(id, ct);
            await DeletePartitionAsync(storage.Versions, id.VersionsPartitionKey, ct);
            foreach (var blob in await BlobNamesAsync(id, ct))
                await storage.Snapshots.DeleteBlobIfExistsAsync(blob, cancellationToken: ct);
            // What is derived from its versions goes with them: its returns to known variants, and its provisions (a document
            // added again under the same id starts a new lineage, not the removed one's maps of other texts).
            await DeletePartitionAsync(storage.Observations, id.VersionsPartitionKey, ct);
            await DeletePartitionAsync(storage.Provisions, id.VersionsPartitionKey, ct);
        }
        return plan;
    }

    /// <summary>Every row of <paramref name="partition"/> in <paramref name="table"/>; nothing when the table does not exist.</summary>
    private static async Task DeletePartitionAsync(TableClient table, string partition, CancellationToken ct)
    {
        try
        {
            foreach (var key in await RowKeysAsync(table, partition, ct))
            {
                try { await table.DeleteEntityAsync(partition, key, ETag.All, ct); }
                catch (RequestFailedException e) when (e.Status == 404) { }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404) { }
    }

    /// <summary>The row keys of <paramref name="partition"/> in <paramref name="table"/>, read before any is deleted.</summary>
    private static async Task<List<string>> RowKeysAsync(TableClient table, string partition, CancellationToken ct)
    {
        var keys = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(o => o.PartitionKey == partition, select: ["RowKey"], cancellationToken: ct))
            keys.Add(row.RowKey);
        return keys;
    }

    private async Task<List<string>> BlobNamesAsync(DocumentId id, CancellationToken ct)
    {
        var names = new List<string>();
        await foreach (var blob in storage.Snapshots.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, id.BlobPrefix, ct))
            names.Add(blob.Name);
        return names;
    }
}

/// <summary>What removing documents deletes: per document, its version rows and archived blobs.</summary>
public sealed record RemovalPlan(IReadOnlyList<RemovalItem> Items)
{
    public int Versions => Items.Sum(i => i.Versions);
    public int Blobs => Items.Sum(i => i.Blobs);
}

public sealed record RemovalItem(DocumentId Document, int Versions, int Blobs);

/// <summary>Removing would delete recorded versions, and the caller did not ask for that.</summary>
public sealed class HistoryWouldBeLostException(RemovalPlan plan)
    : Exception($"{string.Join(", ", plan.Items.Where(i => i.Versions > 0 || i.Blobs > 0).Select(i => i.Document))} " +
                $"{(plan.Items.Count(i => i.Versions > 0 || i.Blobs > 0) == 1 ? "has" : "have")} {plan.Versions} recorded versions and {plan.Blobs} archived blobs; " +
                "nothing was removed. Add --with-history to delete the documents with their versions and blobs.")
{
    public RemovalPlan Plan { get; } = plan;
}
