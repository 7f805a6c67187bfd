using Microsoft.Extensions.Logging;
using Snapshots.Catalog;

namespace Snapshots.Archive;

public enum TimestampStatus
{
    /// <summary>A token was obtained now, stored and recorded on the version row.</summary>
    Timestamped,
    /// <summary>The row already records a token: nothing was done.</summary>
    AlreadyTimestamped,
    /// <summary>A valid token was already stored (an earlier attempt stopped before recording it): it is now on the row.</summary>
    Recovered,
    /// <summary>No authority gave a valid token; try again later.</summary>
    Unavailable,
    /// <summary>The request does not match the version row, or the stored token is not valid: nothing was recorded.</summary>
    Refused,
    /// <summary>No timestamp authority is configured.</summary>
    Disabled,
}

public sealed record TimestampOutcome(TimestampStatus Status, string Detail, TimestampFacts? Facts = null);

/// <summary>
/// Gets a version its RFC 3161 tokens, idempotently: one from every configured authority, each with its validation data
/// (<see cref="TokenValidationCollector"/>); the first is stored create-only as <c>{documentId}/{chainHash}.tsr</c>, the others
/// by their SHA-256, the token list is merged into the version row, then the first's authority, signer, serial and time. A token that is not valid for the version's
/// chain hash is never stored.
/// </summary>
public sealed class VersionTimestamper(VersionLedger ledger, SnapshotArchive archive, TimestampAuthorityClient authorities, TimestampValidator validator, TokenValidationCollector collector,
    Microsoft.Extensions.Options.IOptions<EvidenceOptions> options, ILogger<VersionTimestamper> log)
{
    public async Task<TimestampOutcome> TimestampAsync(DocumentId document, long sequence, string chainHash, CancellationToken ct = default)
    {
        var version = await ledger.GetAsync(document, sequence, ct);
        if (!string.Equals(version.ChainHash, chainHash, StringComparison.Ordinal))
            return Refused(version, $"the request's chain hash {chainHash} is not the version's {version.ChainHash}");
        if (version.IsTimestamped) return new TimestampOutcome(TimestampStatus.AlreadyTimestamped, $"timestamped by {version.TimestampSigner} at {HashChain.FormatTime(version.TimestampGenTime!.Value)}");

        var blob = SnapshotArchive.TimestampBlobName(document, chainHash);
        if (await StoredAsync(blob, ct) is { } stored) return await RecordStoredAsync(version, stored, version.TimestampAuthority ?? "(stored earlier)", TimestampStatus.Recovered, ct);
        if (!options.Value.Enabled) return new TimestampOutcome(TimestampStatus.Disabled, "no timestamp authority is configured (Evidence:TimestampAuthorities)");

        var (obtained, failures) = await authorities.RequestEveryAsync(chainHash, version.CapturedAt, ct);
        var problems = failures.ToList();
        var records = new List<TokenRecord>();
        ObtainedTimestamp? first = null;
        foreach (var token in obtained)
        {
            var legacy = first is null ? blob : null;
            var (record, problem) = await collector.CollectAsync(document, token, chainHash, null, version.CapturedAt, legacy, ct);
            if (record is null)
            {
                log.LogError("Timestamp of {Document} version {Sequence} not stored: {Problem}", document, sequence, problem);
                problems.Add(problem!);
                continue;
            }
            if (legacy is not null)
            {
                if (!await archive.WriteOnceAsync(blob, token.Response, "application/timestamp-reply", ct))
                {
                    // Another delivery stored its token first: that one stands (create-only), if it is valid.
                    var earlier = await archive.ReadAsync(blob, ct);
                    return await RecordStoredAsync(version, earlier, token.Authority, TimestampStatus.Recovered, ct);
                }
                first = token;
            }
            records.Add(record);
        }
        if (first is null) return new TimestampOutcome(TimestampStatus.Unavailable, string.Join("; ", problems));

        // The token list first: the legacy fields make the row "timestamped", after which nothing is added here.
        await ledger.RecordTokensAsync(version, records, ct);
        await ledger.RecordTimestampAsync(version, first.Authority, first.Facts, first.Response, ct);
        log.LogInformation("Timestamped {Document} version {Sequence} by {Authorities}", document, sequence, string.Join(", ", records.Select(r => r.Signer)));
        var detail = $"timestamped by {string.Join(" and ", records.Select(r => $"{r.Signer} at {HashChain.FormatTime(r.GenTime)}"))}"
            + (problems.Count > 0 ? $" (not by: {string.Join("; ", problems)})" : "");
        return new TimestampOutcome(TimestampStatus.Timestamped, detail, first.Facts);
    }

    private async Task<TimestampOutcome> RecordStoredAsync(VersionRecord version, byte[] response, string authority, TimestampStatus status, CancellationToken ct)
    {
        var verdict = validator.Check(response, version.ChainHash, version.CapturedAt);
        if (!verdict.Valid || verdict.Facts is null)
            return Refused(version, $"the stored token {SnapshotArchive.TimestampBlobName(version.Document, version.ChainHash)} is not valid: {string.Join("; ", verdict.Problems)}");
        await ledger.RecordTimestampAsync(version, authority, verdict.Facts, response, ct);
        return new TimestampOutcome(status, $"timestamped by {verdict.Facts.Signer} at {HashChain.FormatTime(verdict.Facts.GenTime)}", verdict.Facts);
    }

    private async Task<byte[]?> StoredAsync(string blob, CancellationToken ct)
    {
        try { return await archive.ReadAsync(blob, ct); }
        catch (MissingSnapshotException) { return null; }
    }

    private TimestampOutcome Refused(VersionRecord version, string why)
    {
        log.LogError("Timestamp of {Document} version {Sequence} refused: {Reason}", version.Document, version.Sequence, why);
        return new TimestampOutcome(TimestampStatus.Refused, why);
    }
}
