using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Snapshots.Catalog;
using Snapshots.Storage;

namespace Snapshots.Archive;

/// <summary>
/// The <c>snapshots</c> container: every version's raw bytes and text, named by their SHA-256 and written create-only.
/// An existing blob is never overwritten (its name is its hash, so it already holds these bytes, or it was tampered with and verify will say so).
/// </summary>
public sealed class SnapshotArchive(StorageClients storage)
{
    private readonly BlobContainerClient _container = storage.Snapshots;

    public static string BlobName(DocumentId document, string sha256, string extension) => $"{document.BlobPrefix}{sha256}.{extension}";

    /// <summary>The normalized text of a version is named by its hash: any version's text is found from its SHA-256 alone.</summary>
    public static string TextBlobName(DocumentId document, string textSha256) => BlobName(document, textSha256, "md");

    /// <summary>A version's RFC 3161 timestamp response, named by the chain hash it covers (one per version, even when a text recurs).</summary>
    public static string TimestampBlobName(DocumentId document, string chainHash) => BlobName(document, chainHash, "tsr");

    /// <summary>The names of every blob under <paramref name="prefix"/> (the whole container when null).</summary>
    public async Task<IReadOnlyList<string>> ListAsync(string? prefix = null, CancellationToken ct = default)
    {
        var names = new List<string>();
        await foreach (var blob in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, ct)) names.Add(blob.Name);
        return names;
    }

    /// <summary>Writes the blob unless one of that name exists. Returns true when this call wrote it.</summary>
    public async Task<bool> WriteOnceAsync(string blobName, ReadOnlyMemory<byte> content, string contentType, CancellationToken ct = default)
    {
        var blob = _container.GetBlobClient(blobName);
        try
        {
            await blob.UploadAsync(BinaryData.FromBytes(content), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            }, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>
    /// Removes a blob this process wrote a moment ago and no version came to reference: the WARC capture of a check that found
    /// its version already recorded by a concurrent capture (a capture's WARC carries its own fetch, so it is never the other's).
    /// </summary>
    public async Task DropUnreferencedAsync(string blobName, CancellationToken ct = default) =>
        await _container.GetBlobClient(blobName).DeleteIfExistsAsync(cancellationToken: ct);

    public async Task<bool> ExistsAsync(string blobName, CancellationToken ct = default) =>
        (await _container.GetBlobClient(blobName).ExistsAsync(ct)).Value;

    public async Task<byte[]> ReadAsync(string blobName, CancellationToken ct = default)
    {
        try
        {
            var response = await _container.GetBlobClient(blobName).DownloadContentAsync(ct);
            return response.Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new MissingSnapshotException(blobName);
        }
    }

    public async Task<string> ReadTextAsync(string blobName, CancellationToken ct = default) =>
        System.Text.Encoding.UTF8.GetString(await ReadAsync(blobName, ct));

    public Uri UriOf(string blobName) => _container.GetBlobClient(blobName).Uri;
}

public sealed class MissingSnapshotException(string blobName) : Exception($"blob {StorageNames.SnapshotsContainer}/{blobName} is missing")
{
    public string BlobName { get; } = blobName;
}
