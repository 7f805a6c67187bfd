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
/// Gets a version its RFC 3161 token, idempotently: the response is stored create-only as <c>{documentId}/{chainHash}.tsr</c>,
/// then the authority, signer, serial and time are merged into the version row. A token that is not valid for the version's
/// chain hash is never stored.
/// </summary>
public sealed class VersionTimestamper(VersionLedger ledger, SnapshotArchive archive, TimestampAuthorityClient authorities, TimestampValidator validator,
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

        var (token, failures) = await authorities.RequestAsync(chainHash, version.CapturedAt, ct);
        if (token is null) return new TimestampOutcome(TimestampStatus.Unavailable, string.Join("; ", failures));

        if (!await archive.WriteOnceAsync(blob, token.Response, "application/timestamp-reply", ct))
        {
            // Another delivery stored its token first: that one stands (create-only), if it is valid.
            var first = await archive.ReadAsync(blob, ct);
            return await RecordStoredAsync(version, first, token.Authority, TimestampStatus.Recovered, ct);
        }
        await ledger.RecordTimestampAsync(version, token.Authority, token.Facts, token.Response, ct);
        log.LogInformation("Timestamped {Document} version {Sequence} by {Authority} at {GenTime}", document, sequence, token.Facts.Signer, token.Facts.GenTime);
        return new TimestampOutcome(TimestampStatus.Timestamped, $"timestamped by {token.Facts.Signer} at {HashChain.FormatTime(token.Facts.GenTime)}", token.Facts);
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
