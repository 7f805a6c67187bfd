using Snapshots.Text;
using Azure;
using Azure.Data.Tables;
using Snapshots.Catalog;
using Snapshots.Storage;

namespace Snapshots.Archive;

/// <summary>The <c>versions</c> table: an append-only ledger of each document's versions, in sequence order.</summary>
public sealed class VersionLedger(StorageClients storage)
{
    private readonly TableClient _table = storage.Versions;

    /// <summary>Adds the row if no version has its sequence number yet; returns false (and writes nothing) if one does.</summary>
    public async Task<bool> TryAppendAsync(VersionRecord version, CancellationToken ct = default)
    {
        var row = version.ToEntity();
        if (!await _table.TryAddAsync(row, ct)) return false;
        version.ETag = row.ETag;
        return true;
    }

    /// <summary>Records on the version row that its change notice is on the queue (a merge of that one property).</summary>
    public async Task MarkNoticeSentAsync(VersionRecord version, CancellationToken ct = default)
    {
        var mark = new TableEntity(version.PartitionKey, version.RowKey) { [nameof(VersionRecord.NoticeSent)] = true };
        await _table.UpdateEntityAsync(mark, ETag.All, TableUpdateMode.Merge, ct);
        version.NoticeSent = true;
    }

    /// <summary>
    /// Claims the sending of the version's notice: sets <see cref="VersionRecord.NoticeClaimedAt"/> if the row is unchanged since
    /// it was read (its ETag). False when another check changed it first (it claimed or sent the notice).
    /// </summary>
    public async Task<bool> TryClaimNoticeAsync(VersionRecord version, DateTimeOffset now, CancellationToken ct = default)
    {
        var claim = new TableEntity(version.PartitionKey, version.RowKey) { [nameof(VersionRecord.NoticeClaimedAt)] = now };
        try
        {
            var response = await _table.UpdateEntityAsync(claim, version.ETag, TableUpdateMode.Merge, ct);
            version.ETag = response.Headers.ETag ?? version.ETag;
            version.NoticeClaimedAt = now;
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    /// <summary>Gives up a claim after a failed send, so the next check need not wait for the lease to end.</summary>
    public async Task ReleaseNoticeClaimAsync(VersionRecord version, CancellationToken ct = default)
    {
        // A merge cannot remove a property (null values are not sent): a claim from 1970 has long ended.
        var release = new TableEntity(version.PartitionKey, version.RowKey) { [nameof(VersionRecord.NoticeClaimedAt)] = DateTimeOffset.UnixEpoch };
        await _table.UpdateEntityAsync(release, version.ETag, TableUpdateMode.Merge, ct);
    }

    /// <summary>
    /// Records a version's timestamp on its row (a merge of these five fields only, so nothing else on the row is touched),
    /// with the SHA-256 of the stored token's bytes so that verify compares the token byte for byte.
    /// </summary>
    public async Task RecordTimestampAsync(VersionRecord version, string authority, TimestampFacts facts, ReadOnlyMemory<byte> token, CancellationToken ct = default)
    {
        var tokenSha256 = Sha256Hex.Of(token.Span);
        var entity = new TableEntity(version.PartitionKey, version.RowKey)
        {
            [nameof(VersionRecord.TimestampAuthority)] = authority,
            [nameof(VersionRecord.TimestampSigner)] = facts.Signer,
            [nameof(VersionRecord.TimestampSerial)] = facts.Serial,
            [nameof(VersionRecord.TimestampGenTime)] = facts.GenTime,
            [nameof(VersionRecord.TimestampSha256)] = tokenSha256,
        };
        await _table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, ct);
        version.TimestampAuthority = authority;
        version.TimestampSigner = facts.Signer;
        version.TimestampSerial = facts.Serial;
        version.TimestampGenTime = facts.GenTime;
        version.TimestampSha256 = tokenSha256;
    }

    /// <summary>
    /// Replaces the row's token list (<see cref="VersionRecord.TimestampTokensJson"/>) with <paramref name="tokens"/>, on the
    /// row's ETag: a concurrent writer makes it fail (412) and the caller reads the row again. Not on the chain.
    /// </summary>
    public async Task RecordTokensAsync(VersionRecord version, IReadOnlyList<TokenRecord> tokens, CancellationToken ct = default)
    {
        var json = TokenRecords.Write(tokens);
        var entity = new TableEntity(version.PartitionKey, version.RowKey) { [nameof(VersionRecord.TimestampTokensJson)] = json };
        var response = await _table.UpdateEntityAsync(entity, version.ETag.Equals(default(ETag)) ? ETag.All : version.ETag, TableUpdateMode.Merge, ct);
        version.TimestampTokensJson = json;
        version.ETag = response.Headers.ETag ?? version.ETag;
    }

    /// <summary>Merges the Wayback Machine's copy of the version into its row (not on the chain).</summary>
    public async Task RecordWaybackAsync(VersionRecord version, string url, DateTimeOffset capturedAt, string? digest, CancellationToken ct = default)
    {
        var entity = new TableEntity(version.PartitionKey, version.RowKey)
        {
            [nameof(VersionRecord.WaybackUrl)] = url,
            [nameof(VersionRecord.WaybackCapturedAt)] = capturedAt,
            [nameof(VersionRecord.WaybackDigest)] = digest,
        };
        await _table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, ct);
        version.WaybackUrl = url;
        version.WaybackCapturedAt = capturedAt;
        version.WaybackDigest = digest;
    }

    public async Task<VersionRecord?> FindAsync(DocumentId document, long sequence, CancellationToken ct = default)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(document.VersionsPartitionKey, VersionRecord.RowKeyOf(sequence), cancellationToken: ct);
        return response.HasValue ? VersionRecord.FromEntity(response.Value!) : null;
    }

    public async Task<VersionRecord> GetAsync(DocumentId document, long sequence, CancellationToken ct = default) =>
        await FindAsync(document, sequence, ct) ?? throw new UnknownVersionException(document, sequence);

    /// <summary>Every version of the document, oldest first.</summary>
    public async Task<IReadOnlyList<VersionRecord>> ListAsync(DocumentId document, CancellationToken ct = default)
    {
        var versions = new List<VersionRecord>();
        var partition = document.VersionsPartitionKey;
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: ct))
            versions.Add(VersionRecord.FromEntity(row));
        return versions;
    }

    /// <summary>Versions of every document captured at or after <paramref name="since"/> (for digests).</summary>
    public async Task<IReadOnlyList<VersionRecord>> ListSinceAsync(DocumentId document, DateTimeOffset since, CancellationToken ct = default)
    {
        var versions = new List<VersionRecord>();
        var partition = document.VersionsPartitionKey;
        // The column name is text of the filter, not a hole: CreateQueryFilter quotes every value it is given.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and CapturedAt ge {since}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
            versions.Add(VersionRecord.FromEntity(row));
        return versions;
    }

    /// <summary>The documents that have versions, whether or not they are still in the catalog.</summary>
    public async Task<IReadOnlyList<DocumentId>> ListDocumentsAsync(CancellationToken ct = default)
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var row in _table.QueryAsync<TableEntity>(select: ["PartitionKey"], cancellationToken: ct))
            ids.Add(row.PartitionKey);
        return ids.Select(DocumentId.FromVersionsPartitionKey).ToList();
    }
}

public sealed class UnknownVersionException(DocumentId document, long sequence)
    : Exception($"document '{document}' has no version {sequence}")
{
    public DocumentId Document { get; } = document;
    public long Sequence { get; } = sequence;
}
