using Azure.Data.Tables;
using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Storage;

namespace Snapshots.Ledger;

/// <summary>
/// Puts entries on the transparency log's pending list (rows beside the document's row, see <see cref="PendingLogEntry"/>);
/// <see cref="LogSequencer"/> gives them their places. A recorded version is one create-only row keyed by its sequence, written
/// in the same transaction as the document row that points at the version (<see cref="ForVersion"/>), or on its own when a
/// crash between the two is repaired (<see cref="AddVersionAsync"/>). An unchanged check is a row written in the same
/// transaction as the check's one write of the document row (<see cref="ForCheck"/>).
/// </summary>
public sealed class LogAppender(StorageClients storage)
{
    /// <summary>Records that <paramref name="version"/> is owed a leaf; again for the same version writes nothing.</summary>
    public Task AddVersionAsync(VersionRecord version, CancellationToken ct = default) =>
        storage.Documents.TryAddAsync(PendingLogEntry.Of(LogLeaf.OfVersion(version)).ToEntity(), ct);

    /// <summary>
    /// The pending entry of a recorded <paramref name="version"/>, to be written in the same transaction as the document row that
    /// points at it (<see cref="DocumentCatalog.UpdateAsync"/>'s companion; one already stored is kept).
    /// </summary>
    public static Func<DocumentRecord, ITableEntity?> ForVersion(VersionRecord version) => _ => PendingLogEntry.Of(LogLeaf.OfVersion(version)).ToEntity();

    /// <summary>
    /// The pending entry of a check at <paramref name="checkedAt"/> that found the served text unchanged, made from the document
    /// row as the check writes it; none when the document has no version yet.
    /// </summary>
    public static Func<DocumentRecord, ITableEntity?> ForCheck(DateTimeOffset checkedAt) => row =>
        (row.ServedSha256 ?? row.CurrentSha256) is { } served ? PendingLogEntry.Of(LogLeaf.OfCheck(row.Id, checkedAt, served)).ToEntity() : null;
}
