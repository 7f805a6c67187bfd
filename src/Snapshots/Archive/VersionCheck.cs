using Snapshots.Catalog;

namespace Snapshots.Archive;

/// <summary>
/// Re-checks one version's evidence now, with the same checks as <c>verify</c> (<see cref="VersionEvidence"/>): re-hashes its
/// text blob, every raw blob and WARC capture, recomputes its chain link in its own format, checks that link against the previous version's
/// row, and re-verifies its timestamp token. What a version page shows as "verified", with the time of the check.
/// </summary>
public sealed class VersionCheck(VersionLedger ledger, VersionEvidence evidence, TimeProvider clock)
{
    public async Task<VersionCheckResult> CheckAsync(DocumentId document, VersionRecord version, CancellationToken ct = default)
    {
        var problems = new List<string>();
        await evidence.CheckBlobAsync(version.TextBlob, version.TextSha256, "the text ", problems.Add, ct);
        IReadOnlyList<RawSource> sources;
        try { sources = version.RawSources(); }
        catch (System.Text.Json.JsonException) { sources = []; }
        var blobs = 1 + sources.Count;
        foreach (var source in sources)
        {
            await evidence.CheckBlobAsync(source.Blob, source.Sha256, "the raw snapshot ", problems.Add, ct);
            if (source.WarcBlob is not { } warc) continue;
            await evidence.CheckBlobAsync(warc, source.WarcSha256 ?? "", "the WARC capture ", problems.Add, ct);
            blobs++;
        }
        problems.AddRange(VersionEvidence.RowProblems(version));
        VersionRecord? previous = version.Sequence <= 1 ? null : await ledger.FindAsync(document, version.Sequence - 1, ct);
        var previousChain = version.Sequence <= 1 ? HashChain.Genesis : previous?.ChainHash;
        if (previousChain is null) problems.Add($"version {version.Sequence - 1} is missing from the ledger");
        else if (previousChain != version.PreviousChainHash) problems.Add($"the previous chain hash does not match version {version.Sequence - 1}'s chain hash");
        if (previous is not null && HashChain.FormatOf(version) < HashChain.FormatOf(previous))
            problems.Add($"chain format {HashChain.FormatOf(version)} after version {previous.Sequence}'s format {HashChain.FormatOf(previous)}: a downgrade");
        var before = problems.Count;
        var token = await evidence.CheckTokenAsync(version, null, problems.Add, ct);
        var tokenVerified = token == TokenState.Checked && problems.Count == before;
        return new VersionCheckResult(problems.Count == 0, problems, blobs, clock.GetUtcNow())
        {
            Verdict = EvidenceVerdict.Of(problems.Count, 1, tokenVerified ? 1 : 0),
        };
    }
}

/// <summary>The outcome of <see cref="VersionCheck"/>: passed only when every blob re-hashed to its recorded hash and every link held.</summary>
public sealed record VersionCheckResult(bool Passed, IReadOnlyList<string> Problems, int BlobsHashed, DateTimeOffset CheckedAt)
{
    /// <summary>What the check proves (<see cref="EvidenceVerdict"/>): the same verdict <c>verify</c> and a bundle give.</summary>
    public EvidenceVerdict Verdict { get; init; } = EvidenceVerdict.Of(Problems.Count, 1, 0);
}
