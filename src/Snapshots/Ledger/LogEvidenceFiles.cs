using Snapshots.Archive;

namespace Snapshots.Ledger;

/// <summary>
/// The transparency log's part of an evidence bundle (<c>snapshots export</c>): under <c>data/log/</c>, the latest checkpoint and an
/// inclusion proof against it for every exported version already in it (<c>log/inclusion/v{sequence}.json</c>). Versions not yet
/// in a checkpoint get none; nothing is added when the log has no checkpoint.
/// </summary>
public sealed class LogEvidenceFiles(TransparencyLog log, LogProofs proofs, CheckpointSigner signer) : IBundleContributor
{
    public const string Folder = "log/";

    public async Task ContributeAsync(BundleContribution bundle, CancellationToken ct)
    {
        foreach (var file in await FilesAsync(bundle.Versions, ct))
            await bundle.AddAsync("data/" + file.Path, file.Bytes, ct);
    }

    private async Task<IReadOnlyList<ExtraBundleFile>> FilesAsync(IReadOnlyList<VersionRecord> versions, CancellationToken ct)
    {
        var checkpoint = await log.LatestCheckpointAsync(ct);
        if (checkpoint is null) return [];
        var found = new List<(string, StoredLeaf)>();
        foreach (var version in versions)
        {
            if (await log.IndexOfEntryAsync(PendingLogEntry.Of(LogLeaf.OfVersion(version)).EntryKey, ct) is not { } index || index >= checkpoint.Size) continue;
            found.Add(($"v{version.Sequence}", (await log.LeavesAsync(index, index + 1, ct)).Single()));
        }
        var made = await proofs.InclusionsAsync(found.Select(f => f.Item2), checkpoint.Size, ct);
        var files = CheckpointFiles.Of(Folder, checkpoint, signer, found.Select((f, i) => (f.Item1, made[i]))).ToList();
        files.Add(new ExtraBundleFile($"{Folder}VERIFY-LOG.md", System.Text.Encoding.UTF8.GetBytes(
            $"# The transparency log\n\nEach version below `inclusion/` is a leaf of the Snapshots transparency log, in the signed checkpoint of size {checkpoint.Size}. From this folder:\n\n```sh\n{CheckpointFiles.Steps(checkpoint, "inclusion/*.json")}```\n")));
        return files;
    }
}
