using Azure;
using Azure.Data.Tables;
using Snapshots.Catalog;
using Snapshots.Storage;

namespace Snapshots.Archive;

/// <summary>The <c>observations</c> table: each document's returns to known variants, create-only.</summary>
public sealed class ObservationLog(StorageClients storage)
{
    private readonly TableClient _table = storage.Observations;

    /// <summary>Adds the observation; false (and nothing written) when one was already recorded for that capture time.</summary>
    public Task<bool> TryAddAsync(VariantObservation observation, CancellationToken ct = default) =>
        _table.TryAddAsync(observation, ct);

    /// <summary>Every observation of the document, oldest first; none when the table does not exist yet.</summary>
    public async Task<IReadOnlyList<VariantObservation>> ListAsync(DocumentId document, CancellationToken ct = default)
    {
        var observations = new List<VariantObservation>();
        var partition = document.VersionsPartitionKey;
        try
        {
            await foreach (var row in _table.QueryAsync<VariantObservation>(o => o.PartitionKey == partition, cancellationToken: ct))
                observations.Add(row);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
        return observations;
    }
}
