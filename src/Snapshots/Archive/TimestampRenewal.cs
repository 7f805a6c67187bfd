using System.Text;

namespace Snapshots.Archive;

/// <summary>
/// The input of a renewal token (RFC 4998's idea, in the form <c>sha256sum -c</c> reads): one line <c>{sha256}  {file}</c>
/// for every token, certificate chain, revocation list and earlier renewal input of the version so far, each file named
/// as it is stored (by its hash, in the version's document folder, and so in a bundle's <c>timestamps/</c> folder). A new
/// token over the SHA-256 of this file vouches that all of it existed at the new token's time, while its certificates were
/// still valid.
/// </summary>
public static class TimestampRenewal
{
    public const string Extension = "renewal.txt";

    public static byte[] InputOf(IEnumerable<(string Sha256, string Blob)> evidence)
    {
        var lines = new StringBuilder();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (sha, blob) in evidence)
            if (seen.Add(blob)) lines.Append(sha).Append("  ").Append(FileName(blob)).Append('\n');
        return Encoding.ASCII.GetBytes(lines.ToString());
    }

    /// <summary>Every stored file of the tokens, in order, with its recorded SHA-256.</summary>
    /// <param name="legacy">A row's one token from before token lists (its SHA-256 and blob), when the list is empty.</param>
    public static IEnumerable<(string Sha256, string Blob)> EvidenceOf(IReadOnlyList<TokenRecord> tokens, (string Sha256, string Blob)? legacy)
    {
        if (tokens.Count == 0 && legacy is { } single) yield return single;
        foreach (var token in tokens)
        {
            if (token.RenewalOf is { } renewal) yield return (RenewalSha(renewal), renewal);
            yield return (token.Sha256, token.Blob);
            yield return (token.ChainSha256, token.ChainBlob);
            foreach (var revocation in token.Revocations) yield return (revocation.Sha256, revocation.Blob);
        }
    }

    /// <summary>A renewal input's SHA-256 is in its name (<c>{sha256}.renewal.txt</c>).</summary>
    public static string RenewalSha(string blob) => FileName(blob)[..64];

    public static string FileName(string blob) => blob[(blob.LastIndexOf('/') + 1)..];
}
