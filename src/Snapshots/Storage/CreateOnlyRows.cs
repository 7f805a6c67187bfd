using Azure;
using Azure.Data.Tables;

namespace Snapshots.Storage;

/// <summary>Create-only table writes: a row is added once, and a second add of the same keys changes nothing.</summary>
internal static class CreateOnlyRows
{
    /// <summary>Adds the row; false (and nothing written) when a row with its keys already exists.</summary>
    public static async Task<bool> TryAddAsync<T>(this TableClient table, T row, CancellationToken ct = default) where T : ITableEntity
    {
        try
        {
            var response = await table.AddEntityAsync(row, ct);
            // The row as stored: with its ETag the writer can update it conditionally without reading it back.
            if (response.Headers.ETag is { } etag) row.ETag = etag;
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }
}
