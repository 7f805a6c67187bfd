using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Azure.Data.Tables;
using Snapshots.Archive;
using Snapshots.Storage;

namespace Snapshots.Ledger;

/// <summary>What <c>verify --log</c> found: each problem names the leaf, checkpoint or version it is about.</summary>
public sealed record LogVerification(long Leaves, int Checkpoints, int TimestampedCheckpoints, int Versions, int Checks, int Pending, bool SignaturesChecked,
    IReadOnlyList<string> Problems)
{
    public bool Valid => Problems.Count == 0;
}

/// <summary>
/// Recomputes the transparency log from storage and holds the archive to it: every leaf's hash from its data, every
/// checkpoint's root from the leaves, its Ed25519 signature (with the configured key) and its timestamp token; every version
/// leaf against its version row (present, same chain hash, text and capture time); every version row against the log (logged
/// or pending within <see cref="LogOptions.SequencingGrace"/>, and not captured before a checkpoint that left it out). So a
/// deleted or altered leaf, a deleted version row, a chain rewritten from its start and a back-dated version are each named.
/// </summary>
public sealed class LogVerifier(StorageClients storage, TransparencyLog log, CheckpointSigner signer, TimestampValidator timestamps,
    IOptions<LogOptions> options, TimeProvider clock)
{
    public async Task<LogVerification> VerifyAsync(CancellationToken ct = default)
    {
        var problems = new List<string>();
        var leaves = await log.LeavesAsync(ct: ct);
        var size = Math.Max(await log.SizeAsync(ct), leaves.Count == 0 ? 0 : leaves[^1].Index + 1);
        var byIndex = leaves.ToDictionary(l => l.Index);
        var hashes = new byte[size][];
        var versionLeaves = new Dictionary<(string Partition, long Sequence), (long Index, LogLeaf Leaf)>();
        int checks = 0;
        for (long i = 0; i < size; i++)
        {
            if (!byIndex.TryGetValue(i, out var stored))
            {
                problems.Add($"leaf {i}: missing (deleted from the log)");
                continue;
            }
            var hash = MerkleTree.LeafHash(Encoding.UTF8.GetBytes(stored.Data));
            hashes[i] = hash;
            if (!string.Equals(Convert.ToHexStringLower(hash), stored.Hash, StringComparison.OrdinalIgnoreCase))
                problems.Add($"leaf {i}: altered (its data no longer hashes to {stored.Hash}, the hash it had when sequenced)");
            switch (LogLeaf.Parse(stored.Data))
            {
                case null:
                    problems.Add($"leaf {i}: not a leaf Snapshots writes (altered)");
                    break;
                case { Kind: LeafKind.Version } leaf:
                    versionLeaves[(leaf.Document.VersionsPartitionKey, leaf.Sequence!.Value)] = (i, leaf);
                    break;
                default:
                    checks++;
                    break;
            }
        }

        var checkpoints = await log.CheckpointsAsync(ct);
        var timestamped = CheckCheckpoints(checkpoints, hashes, problems);
        var pendingRows = (await log.PendingAsync(ct)).Select(p => p.EntryKey).ToHashSet(StringComparer.Ordinal);

        var versions = 0;
        var seen = new HashSet<(string, long)>();
        var grace = options.Value.SequencingGrace;
        await foreach (var row in storage.Versions.QueryAsync<TableEntity>(cancellationToken: ct))
        {
            var version = VersionRecord.FromEntity(row);
            versions++;
            var key = (version.PartitionKey, version.Sequence);
            seen.Add(key);
            var name = $"version {version.Document} #{version.Sequence}";
            if (!versionLeaves.TryGetValue(key, out var logged))
            {
                var pending = PendingLogEntry.Of(LogLeaf.OfVersion(version)).EntryKey;
                if (!pendingRows.Contains(pending))
                    problems.Add($"{name}: not in the log and not pending (added outside the pipeline, or back-dated)");
                else if (clock.GetUtcNow() - version.CapturedAt > grace && version.Origin != "import")
                    problems.Add($"{name}: captured {LogLeaf.FormatTime(version.CapturedAt)} and still not in the log after {grace}");
                continue;
            }
            var (index, leaf) = logged;
            if (leaf.ChainHash != version.ChainHash)
                problems.Add($"{name}: chain hash {version.ChainHash} differs from {leaf.ChainHash} in leaf {index} (the chain was rewritten)");
            if (leaf.TextSha256 != version.TextSha256)
                problems.Add($"{name}: text hash {version.TextSha256} differs from {leaf.TextSha256} in leaf {index}");
            if (leaf.Time != version.CapturedAt)
                problems.Add($"{name}: capture time {LogLeaf.FormatTime(version.CapturedAt)} differs from {LogLeaf.FormatTime(leaf.Time)} in leaf {index} (back-dated)");
            if ((leaf.Origin ?? "live") == "live" && checkpoints.FirstOrDefault(c => c.Size <= index && c.Time > leaf.Time + grace) is { } earlier)
                problems.Add($"{name}: captured {LogLeaf.FormatTime(leaf.Time)}, yet checkpoint {earlier.Size} signed {LogLeaf.FormatTime(earlier.Time)} does not hold it (back-dated)");
        }
        foreach (var ((partition, sequence), (index, leaf)) in versionLeaves)
            if (!seen.Contains((partition, sequence)))
                problems.Add($"version {leaf.Document} #{sequence}: in leaf {index} but its row is missing (deleted)");

        return new LogVerification(size, checkpoints.Count, timestamped, versions, checks, pendingRows.Count, signer.PublicKey is not null, problems);
    }

    private int CheckCheckpoints(IReadOnlyList<Checkpoint> checkpoints, byte[][] hashes, List<string> problems)
    {
        var timestamped = 0;
        foreach (var checkpoint in checkpoints)
        {
            var name = $"checkpoint {checkpoint.Size}";
            var note = SignedNote.Parse(checkpoint.Note);
            var body = note is null ? null : CheckpointBody.Parse(note.Body);
            if (note is null || body is null)
            {
                problems.Add($"{name}: not a signed checkpoint note");
                continue;
            }
            if (body.Size != checkpoint.Size || !body.Root.AsSpan().SequenceEqual(checkpoint.Root))
                problems.Add($"{name}: the note says size {body.Size} and another root than its row");
            if (signer.PublicKey is { } key && !CheckpointSigner.Verify(note, signer.Origin, key))
                problems.Add($"{name}: the signature does not verify with the log's key ({signer.Origin})");
            if (body.Size > hashes.Length || hashes.Take((int)body.Size).Any(h => h is null))
                problems.Add($"{name}: leaves of the tree are missing, its root cannot be recomputed");
            else if (!MerkleTree.Root(hashes, body.Size).AsSpan().SequenceEqual(body.Root))
                problems.Add($"{name}: the root recomputed from leaves 0..{body.Size - 1} differs from the signed root (a leaf was altered or removed)");
            if (checkpoint.Token is { } token)
            {
                timestamped++;
                var verdict = timestamps.Check(token, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(checkpoint.Note))), checkpoint.Time);
                foreach (var problem in verdict.Problems) problems.Add($"{name}: timestamp token: {problem}");
            }
        }
        return timestamped;
    }
}
