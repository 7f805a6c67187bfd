using System.Text.Json;
using System.Text.Json.Serialization;

namespace Snapshots.Archive;

/// <summary>
/// One stored RFC 3161 token of a version with its validation data, as listed in the version row's
/// <see cref="VersionRecord.TimestampTokensJson"/> (not on the chain: the tokens vouch for the chain, not the other way).
/// <see cref="RenewalOf"/> is null for a token over the version's chain hash, else the blob of the renewal input
/// (<see cref="TimestampRenewal"/>) whose SHA-256 is the token's imprint: the RFC 4998 idea of stamping the old tokens and
/// their validation data again before their signing certificates expire.
/// </summary>
public sealed record TokenRecord(
    string Authority,
    string Blob,
    string Sha256,
    string Signer,
    string Serial,
    DateTimeOffset GenTime,
    string Imprint,
    string? RenewalOf,
    string ChainBlob,
    string ChainSha256,
    IReadOnlyList<RevocationRecord> Revocations,
    DateTimeOffset SignerNotAfter);

/// <summary>
/// A revocation answer fetched at stamping time for one certificate of a token's chain: <see cref="Kind"/> is "crl" (a
/// revocation list, <see cref="RevocationCheck"/>) or "ocsp" (an OCSP response, <see cref="OcspCheck"/>).
/// </summary>
public sealed record RevocationRecord(string Certificate, string Kind, string Url, string Blob, string Sha256);

/// <summary>Reads and writes the token list of a version row.</summary>
public static class TokenRecords
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    /// <summary>The row's tokens; empty on rows written before the list (their one token is the legacy <c>.tsr</c>).</summary>
    public static IReadOnlyList<TokenRecord> Of(VersionRecord version)
    {
        if (string.IsNullOrEmpty(version.TimestampTokensJson)) return [];
        return JsonSerializer.Deserialize<List<TokenRecord>>(version.TimestampTokensJson, Json) ?? [];
    }

    /// <summary>The row's tokens, or null with the reason when the list is not readable.</summary>
    public static IReadOnlyList<TokenRecord>? TryOf(VersionRecord version, out string? problem)
    {
        problem = null;
        try { return Of(version); }
        catch (JsonException e) { problem = $"its token list (TimestampTokensJson) is not readable JSON: {e.Message}"; return null; }
    }

    public static string Write(IEnumerable<TokenRecord> tokens) => JsonSerializer.Serialize(tokens.ToList(), Json);

    /// <summary>Every blob the tokens name: tokens, chains, revocation answers and renewal inputs.</summary>
    public static IEnumerable<string> BlobsOf(IEnumerable<TokenRecord> tokens) => tokens.SelectMany(t =>
        new[] { t.Blob, t.ChainBlob }.Concat(t.Revocations.Select(r => r.Blob)).Concat(t.RenewalOf is { } r ? [r] : []));
}
