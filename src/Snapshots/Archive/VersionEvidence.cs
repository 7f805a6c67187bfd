using Snapshots.Text;
using Microsoft.Extensions.Options;

namespace Snapshots.Archive;

/// <summary>What a version's timestamp check found besides problems.</summary>
public enum TokenState
{
    /// <summary>A stored token was checked (its problems, if any, are reported).</summary>
    Checked,
    /// <summary>No token, and the row never claimed or asked for one (its chain says so from format 2): not a fault.</summary>
    NeverRequested,
    /// <summary>No token yet, the chain says one was asked for at capture, and the grace period has not passed: not a fault yet.</summary>
    Pending,
    /// <summary>No token where the row or its chain says there should be one, or where the row's own link does not hold so that
    /// nothing it says about timestamps can be believed: a fault (reported).</summary>
    Missing,
}

/// <summary>
/// The checks of one version row's own evidence, shared by <c>verify</c> (<see cref="ArchiveVerifier"/>) and the version page
/// (<see cref="VersionCheck"/>) so both give the same verdict: its blobs re-hashed, its chain link recomputed in its own format
/// (format 2 covers every evidence field, see <see cref="HashChain"/>), its raw hash against its sources, and its timestamp:
/// the stored token re-verified (imprint, signature, chain to the configured trust anchors, time), compared byte for byte
/// with the hash the row recorded, and the row's timestamp fields compared with the token's; a row or chain that states a
/// timestamp without a token, or a token without the row stating it, is named.
/// </summary>
public sealed class VersionEvidence(SnapshotArchive archive, TimestampValidator timestamps, IOptions<EvidenceOptions> options, TimeProvider clock)
{
    /// <summary>Problems in the row's own fields: its chain link and raw hash.</summary>
    public static IEnumerable<string> RowProblems(VersionRecord version)
    {
        var format = HashChain.FormatOf(version);
        if (HashChain.Of(version) is not { } chain)
        {
            yield return $"chain format {format} is not one this version of Snapshots knows (1 to {HashChain.CurrentFormat})";
            yield break;
        }
        if (chain != version.ChainHash)
            yield return format == HashChain.FirstFormat
                ? $"chain hash {Short(version.ChainHash)} should be {Short(chain)}: the row's text hash or capture time was altered"
                : $"chain hash {Short(version.ChainHash)} should be {Short(chain)}: a field on the chain was altered ({Fields})";
        if (ReadSources(version) is not { } sources) { yield return "its raw-source list is not readable JSON"; yield break; }
        if (RawHash.Of(sources.Select(s => s.Sha256).ToList()) != version.RawSha256)
            yield return $"raw SHA-256 {Short(version.RawSha256)} does not match its sources";
        if (format == HashChain.FirstFormat && (version.TimestampRequested is not null))
            yield return "a format-1 row holds the format-2 field TimestampRequested: the row was written in format 2 and downgraded";
    }

    /// <summary>The row's raw sources; null when the list is not readable.</summary>
    public static IReadOnlyList<RawSource>? ReadSources(VersionRecord version)
    {
        try { return version.RawSources(); }
        catch (System.Text.Json.JsonException) { return null; }
    }

    private const string Fields = "sequence, previous text, compared-with text, text blob, raw hash, sources (URL, final URL, media type, hash, blob, WARC hash and blob), declaration, origin, timestamp requested";

    /// <summary>Re-hashes a blob against its recorded SHA-256; a missing or altered blob is a problem.</summary>
    public async Task<bool> CheckBlobAsync(string blobName, string expectedSha, string what, Action<string> problem, CancellationToken ct)
    {
        try
        {
            var actual = Sha256Hex.Of(await archive.ReadAsync(blobName, ct));
            if (actual != expectedSha) problem($"{what}blob snapshots/{blobName} hashes to {Short(actual)}, recorded {Short(expectedSha)}: its content was altered");
            else if (!blobName.Contains(expectedSha, StringComparison.Ordinal)) problem($"{what}blob snapshots/{blobName} is not named by its hash");
            return true;
        }
        catch (MissingSnapshotException)
        {
            problem($"{what}blob snapshots/{blobName} is missing");
            return false;
        }
    }

    /// <summary>
    /// The version's timestamp: <paramref name="stored"/> says whether its token blob exists (null: look it up).
    /// </summary>
    public async Task<TokenState> CheckTokenAsync(VersionRecord version, bool? stored, Action<string> problem, CancellationToken ct)
    {
        var blob = SnapshotArchive.TimestampBlobName(version.Document, version.ChainHash);
        byte[]? response = null;
        if (stored ?? true)
        {
            try { response = await archive.ReadAsync(blob, ct); }
            catch (MissingSnapshotException) { }
        }
        if (response is not null)
        {
            var verdict = timestamps.Check(response, version.ChainHash, version.CapturedAt);
            foreach (var p in verdict.Problems) problem($"timestamp token snapshots/{blob}: {p}");
            var sha = Sha256Hex.Of(response);
            if (version.TimestampSha256 is { } recorded && recorded != sha)
                problem($"timestamp token snapshots/{blob} hashes to {Short(sha)}, the row recorded {Short(recorded)}: the token's bytes were altered or replaced");
            await CheckTokenListAsync(version, problem, ct);
            if (!verdict.Valid || verdict.Facts is not { } facts) return TokenState.Checked;
            if (!version.IsTimestamped) problem($"timestamp token snapshots/{blob} is valid but the row does not record it (verify --repair records it)");
            else if (version.TimestampSerial != facts.Serial || version.TimestampGenTime != facts.GenTime || version.TimestampSigner != facts.Signer)
                problem($"the row's timestamp ({version.TimestampSigner}, serial {version.TimestampSerial}, {Time(version.TimestampGenTime)}) is not the token's ({facts.Signer}, serial {facts.Serial}, {Time(facts.GenTime)})");
            return TokenState.Checked;
        }
        if (version.ClaimsTimestamp)
        {
            problem($"the row says timestamped by {version.TimestampSigner ?? "(no signer)"} at {Time(version.TimestampGenTime)} but its token snapshots/{blob} is missing");
            return TokenState.Missing;
        }
        if (HashChain.Of(version) != version.ChainHash)
        {
            problem("no timestamp token is stored, and the row's chain link does not hold, so whether it asked for one cannot be told");
            return TokenState.Missing;
        }
        if (version.TimestampRequested != true) return TokenState.NeverRequested;
        var grace = options.Value.PendingTokenGrace;
        if (clock.GetUtcNow() - version.CapturedAt <= grace) return TokenState.Pending;
        problem($"its chain says a timestamp was requested at capture ({HashChain.FormatTime(version.CapturedAt)}) but no token is stored and the row records none, "
            + $"{Describe(grace)} later: the token was deleted, or no authority answered (verify --repair requests one)");
        return TokenState.Missing;
    }

    /// <summary>
    /// Every token of the row's list with its validation data (long-term timestamps): each token's bytes against its recorded
    /// SHA-256 and checked for its imprint (the chain hash, or the SHA-256 of its renewal input, whose every listed file must
    /// hash as listed); its certificate chain as stored; each revocation list signed by the certificate's issuer, current at the
    /// token's time and not listing the certificate, and each OCSP answer signed by the issuer or its delegated responder, current
    /// at the token's time and "good" (<see cref="RevocationCheck.ProblemOf"/>); a certificate that names a revocation list or
    /// OCSP responder without an answer stored; and each
    /// renewal made before the certificates of the tokens it renews expired. Returns the number of tokens checked.
    /// </summary>
    public async Task<int> CheckTokenListAsync(VersionRecord version, Action<string> problem, CancellationToken ct)
    {
        if (TokenRecords.TryOf(version, out var unreadable) is not { } tokens) { problem(unreadable!); return 0; }
        DateTimeOffset? previousExpiry = null;
        string? group = null;
        DateTimeOffset? groupExpiry = null;
        foreach (var token in tokens)
        {
            var name = $"timestamp token snapshots/{token.Blob} ({token.Signer})";
            if (token.RenewalOf != group)
            {
                previousExpiry = groupExpiry;
                groupExpiry = null;
                group = token.RenewalOf;
            }
            groupExpiry = groupExpiry is { } e && e < token.SignerNotAfter ? e : token.SignerNotAfter;
            if (token.RenewalOf is null && token.Imprint != version.ChainHash)
                problem($"{name}: the list says it stamps {Short(token.Imprint)}, not the version's chain hash {Short(version.ChainHash)}");
            if (token.RenewalOf is { } renewal)
            {
                await CheckRenewalInputAsync(version, token, renewal, name, problem, ct);
                if (previousExpiry is { } expired && token.GenTime > expired)
                    problem($"{name}: the renewal was stamped at {HashChain.FormatTime(token.GenTime)}, after the renewed tokens' certificates expired at {HashChain.FormatTime(expired)}");
            }

            var bytes = await ReadCheckedAsync(token.Blob, token.Sha256, "timestamp token", problem, ct);
            if (bytes is not null)
            {
                var verdict = timestamps.Check(bytes, token.Imprint, token.RenewalOf is null ? version.CapturedAt : token.GenTime);
                foreach (var p in verdict.Problems) problem($"{name}: {p}");
                if (verdict.Facts is { } facts && (facts.Serial != token.Serial || facts.GenTime != token.GenTime))
                    problem($"{name}: the list says serial {token.Serial} at {HashChain.FormatTime(token.GenTime)}, the token says serial {facts.Serial} at {HashChain.FormatTime(facts.GenTime)}");
            }

            var chainPem = await ReadCheckedAsync(token.ChainBlob, token.ChainSha256, $"{name}: its certificate chain", problem, ct);
            if (chainPem is null) continue;
            var chain = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
            try { chain.ImportFromPem(System.Text.Encoding.ASCII.GetString(chainPem)); }
            catch (System.Security.Cryptography.CryptographicException unreadablePem) { problem($"{name}: its certificate chain snapshots/{token.ChainBlob} is not PEM: {unreadablePem.Message}"); continue; }
            for (var i = 0; i + 1 < chain.Count; i++)
            {
                var certificate = chain[i];
                var answers = token.Revocations.Where(r => r.Certificate == certificate.Subject).ToList();
                if (answers.Count == 0)
                {
                    if (RevocationCheck.NamesASource(certificate))
                        problem($"{name}: its validation data is missing: certificate '{certificate.Subject}' names a revocation list or OCSP responder and no answer is stored");
                    continue;
                }
                foreach (var answer in answers)
                {
                    var what = answer.Kind == OcspCheck.Kind ? "OCSP answer" : "revocation list";
                    var stored = await ReadCheckedAsync(answer.Blob, answer.Sha256, $"{name}: the {what} of '{certificate.Subject}'", problem, ct);
                    if (stored is null) continue;
                    if (RevocationCheck.ProblemOf(answer.Kind, stored, certificate, chain[i + 1], token.GenTime, options.Value.TimestampTolerance) is { } bad)
                        problem($"{name}: certificate '{certificate.Subject}': {bad} (snapshots/{answer.Blob})");
                }
            }
        }
        return tokens.Count;
    }

    private async Task CheckRenewalInputAsync(VersionRecord version, TokenRecord token, string renewal, string name, Action<string> problem, CancellationToken ct)
    {
        var input = await ReadCheckedAsync(renewal, token.Imprint, $"{name}: its renewal input", problem, ct);
        if (input is null) return;
        foreach (var line in System.Text.Encoding.ASCII.GetString(input).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split("  ", 2);
            if (parts.Length != 2 || parts[0].Length != 64 || parts[1].Contains('/'))
            {
                problem($"{name}: its renewal input snapshots/{renewal} has a line that is not 'sha256  file': {VisibleText.Bounded(line, 80)}");
                continue;
            }
            await ReadCheckedAsync(version.Document.BlobPrefix + parts[1], parts[0], $"{name}: the renewed evidence", problem, ct);
        }
    }

    /// <summary>A blob's bytes when it exists and hashes to <paramref name="sha"/>; else null, the problem named.</summary>
    private async Task<byte[]?> ReadCheckedAsync(string blob, string sha, string what, Action<string> problem, CancellationToken ct)
    {
        try
        {
            var bytes = await archive.ReadAsync(blob, ct);
            var actual = Sha256Hex.Of(bytes);
            if (actual == sha) return bytes;
            problem($"{what} snapshots/{blob} hashes to {Short(actual)}, recorded {Short(sha)}: it was altered or replaced");
            return null;
        }
        catch (MissingSnapshotException)
        {
            problem($"{what} snapshots/{blob} is missing");
            return null;
        }
    }

    private static string Describe(TimeSpan span) => span.TotalHours >= 1 ? $"more than {span.TotalHours:0.#} hours" : $"more than {span.TotalMinutes:0.#} minutes";

    private static string Time(DateTimeOffset? time) => time is { } t ? HashChain.FormatTime(t) : "(none)";

    internal static string Short(string? sha) => sha is null ? "(none)" : sha.Length > 12 ? sha[..12] : sha;
}
