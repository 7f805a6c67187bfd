using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Snapshots.Text;

namespace Snapshots.Archive;

public enum RenewalStatus
{
    /// <summary>The newest tokens' certificates are valid beyond the margin (or the version has no token): nothing to do.</summary>
    NotDue,
    /// <summary>New tokens over the renewal input were stored and recorded.</summary>
    Renewed,
    /// <summary>Due, but no authority gave a valid token with its validation data: the next run tries again.</summary>
    Unavailable,
}

public sealed record RenewalOutcome(RenewalStatus Status, string Detail);

/// <summary>
/// Re-timestamps a version's evidence before its signing certificates expire: when the earliest expiry of the certificate
/// chains of its newest tokens (the first stamps, or the last renewal) is within <see cref="EvidenceOptions.RenewalMargin"/>,
/// it writes the renewal input (<see cref="TimestampRenewal"/>: every token and its validation data so far) create-only,
/// asks every authority for a token over its SHA-256 with validation data (<see cref="TokenValidationCollector"/>), and
/// appends them to the row's token list.
/// </summary>
public sealed class TimestampRenewer(VersionLedger ledger, SnapshotArchive archive, TimestampValidator validator, TimestampAuthorityClient authorities,
    TokenValidationCollector collector, IOptions<EvidenceOptions> options, ILogger<TimestampRenewer> log)
{
    /// <summary>When the version's newest tokens stop being verifiable with current certificates; null when it has no token.</summary>
    public async Task<DateTimeOffset?> ExpiryAsync(VersionRecord version, IReadOnlyList<TokenRecord> tokens, CancellationToken ct)
    {
        if (tokens.Count > 0)
        {
            var newest = tokens[^1].RenewalOf;
            return tokens.Where(t => t.RenewalOf == newest).Min(t => t.SignerNotAfter);
        }
        if (!version.IsTimestamped) return null;
        var legacy = await archive.ReadAsync(SnapshotArchive.TimestampBlobName(version.Document, version.ChainHash), ct);
        var verdict = validator.Check(legacy, version.ChainHash, version.CapturedAt);
        var chain = verdict.Chain.Count > 0 ? verdict.Chain : verdict.Certificates;
        return chain.Count == 0 ? null : chain.Min(c => new DateTimeOffset(c.NotAfter.ToUniversalTime(), TimeSpan.Zero));
    }

    public async Task<RenewalOutcome> RenewIfDueAsync(VersionRecord version, DateTimeOffset now, CancellationToken ct = default)
    {
        var tokens = TokenRecords.Of(version);
        if (await ExpiryAsync(version, tokens, ct) is not { } expiry) return new RenewalOutcome(RenewalStatus.NotDue, "no token");
        if (expiry - now > options.Value.RenewalMargin)
            return new RenewalOutcome(RenewalStatus.NotDue, $"its newest tokens' certificates are valid until {HashChain.FormatTime(expiry)}");

        (string, string)? legacy = null;
        if (tokens.Count == 0)
        {
            var blob = SnapshotArchive.TimestampBlobName(version.Document, version.ChainHash);
            legacy = (version.TimestampSha256 ?? Sha256Hex.Of(await archive.ReadAsync(blob, ct)), blob);
        }
        var input = TimestampRenewal.InputOf(TimestampRenewal.EvidenceOf(tokens, legacy));
        var imprint = Sha256Hex.Of(input);
        var inputBlob = SnapshotArchive.BlobName(version.Document, imprint, TimestampRenewal.Extension);
        await archive.WriteOnceAsync(inputBlob, input, "text/plain; charset=us-ascii", ct);

        // A renewal token cannot be older than the newest token it renews (its time is the authority's, not this clock's).
        var newest = tokens.Count > 0 ? tokens.Max(k => k.GenTime) : version.TimestampGenTime ?? version.CapturedAt;
        var (obtained, failures) = await authorities.RequestEveryAsync(imprint, newest, ct);
        var problems = failures.ToList();
        var renewed = new List<TokenRecord>();
        foreach (var token in obtained)
        {
            var (record, problem) = await collector.CollectAsync(version.Document, token, imprint, inputBlob, newest, null, ct);
            if (record is null) { problems.Add(problem!); continue; }
            renewed.Add(record);
        }
        if (renewed.Count == 0)
        {
            log.LogWarning("Timestamps of {Document} version {Sequence} expire at {Expiry} and could not be renewed: {Problems}", version.Document, version.Sequence, expiry, string.Join("; ", problems));
            return new RenewalOutcome(RenewalStatus.Unavailable, string.Join("; ", problems));
        }
        var all = tokens.Count > 0 ? tokens.ToList() : [];
        if (tokens.Count == 0 && version.IsTimestamped)
        {
            // A row from before token lists: its one token goes on the list first, so the renewal's chain of evidence starts there.
            var blob = SnapshotArchive.TimestampBlobName(version.Document, version.ChainHash);
            var bytes = await archive.ReadAsync(blob, ct);
            var verdict = validator.Check(bytes, version.ChainHash, version.CapturedAt);
            if (verdict.Chain.Count > 0)
            {
                var pem = System.Text.Encoding.ASCII.GetBytes(string.Concat(verdict.Chain.Select(c => c.ExportCertificatePem() + "\n")));
                var pemSha = Sha256Hex.Of(pem);
                var pemBlob = SnapshotArchive.BlobName(version.Document, pemSha, "pem");
                await archive.WriteOnceAsync(pemBlob, pem, "application/x-pem-file", ct);
                all.Add(new TokenRecord(version.TimestampAuthority ?? "(stored earlier)", blob, Sha256Hex.Of(bytes), version.TimestampSigner ?? "", version.TimestampSerial ?? "",
                    version.TimestampGenTime ?? default, version.ChainHash, null, pemBlob, pemSha, [], expiry));
            }
        }
        all.AddRange(renewed);
        await ledger.RecordTokensAsync(version, all, ct);
        log.LogInformation("Renewed the timestamps of {Document} version {Sequence} (expiring {Expiry}) by {Authorities}", version.Document, version.Sequence, expiry,
            string.Join(", ", renewed.Select(r => r.Signer)));
        return new RenewalOutcome(RenewalStatus.Renewed, $"renewed by {string.Join(" and ", renewed.Select(r => $"{r.Signer} at {HashChain.FormatTime(r.GenTime)}"))} before {HashChain.FormatTime(expiry)}");
    }
}
