using Snapshots.Catalog;

namespace Snapshots.Archive;

/// <summary>One file a capability adds to an evidence bundle: its path in the bundle and its bytes (listed in SHA256SUMS).</summary>
public sealed record ExtraBundleFile(string Path, byte[] Bytes);

/// <summary>
/// A capability above <c>Archive</c> that adds files to the evidence bundle of a range of versions (the transparency log's
/// checkpoint and inclusion proofs); the exporter writes them and lists them in SHA256SUMS.
/// </summary>
public interface IEvidenceBundleFiles
{
    Task<IReadOnlyList<ExtraBundleFile>> FilesAsync(DocumentId document, IReadOnlyList<VersionRecord> versions, CancellationToken ct);
}
