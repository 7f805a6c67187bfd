using Snapshots.Text;
using Snapshots.Catalog;

namespace Snapshots.Archive;

/// <summary>
/// Re-checks one version's evidence now: re-hashes its text blob and every raw blob, recomputes its chain link, and checks
/// that link against the previous version's row. What a version page shows as "verified", with the time of the check.
/// </summary>
public sealed class VersionCheck(VersionLedger ledger, SnapshotArchive archive, TimeProvider clock)
{
    public async Task<VersionCheckResult> CheckAsync(DocumentId document, VersionRecord version, CancellationToken ct = default)
    {
        var problems = new List<string>();
        await BlobAsync(version.TextBlob, version.TextSha256, "text", problems, ct);
        var sources = version.RawSources();
        foreach (var source in sources) await BlobAsync(source.Blob, source.Sha256, "raw snapshot", problems, ct);
        if (RawHash.Of(sources.Select(s => s.Sha256).ToList()) != version.RawSha256)
            problems.Add("the raw SHA-256 does not match the hashes of its sources");
        if (HashChain.Next(version.PreviousChainHash, version.TextSha256, version.CapturedAt) != version.ChainHash)
            problems.Add("the chain hash does not match the row's hashes and capture time: the row was altered");
        var previousChain = version.Sequence <= 1 ? HashChain.Genesis : (await ledger.FindAsync(document, version.Sequence - 1, ct))?.ChainHash;
        if (previousChain is null) problems.Add($"version {version.Sequence - 1} is missing from the ledger");
        else if (previousChain != version.PreviousChainHash) problems.Add($"the previous chain hash does not match version {version.Sequence - 1}'s chain hash");
        return new VersionCheckResult(problems.Count == 0, problems, 1 + sources.Count, clock.GetUtcNow());
    }

    private async Task BlobAsync(string blob, string expected, string what, List<string> problems, CancellationToken ct)
    {
        try
        {
            var actual = Sha256Hex.Of(await archive.ReadAsync(blob, ct));
            if (actual != expected) problems.Add($"the {what} blob snapshots/{blob} hashes to {actual[..12]}…, recorded {expected[..Math.Min(12, expected.Length)]}…: its content was altered");
        }
        catch (MissingSnapshotException)
        {
            problems.Add($"the {what} blob snapshots/{blob} is missing");
        }
    }
}

/// <summary>The outcome of <see cref="VersionCheck"/>: passed only when every blob re-hashed to its recorded hash and every link held.</summary>
public sealed record VersionCheckResult(bool Passed, IReadOnlyList<string> Problems, int BlobsHashed, DateTimeOffset CheckedAt);
