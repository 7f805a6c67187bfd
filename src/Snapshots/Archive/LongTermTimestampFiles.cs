using System.Globalization;
using System.Text;

namespace Snapshots.Archive;

/// <summary>
/// The long-term timestamp files of one version in an evidence bundle: every token of its list (one per authority, and the
/// renewals), each with its certificate chain, revocation lists and OCSP answers, and each renewal's input, all in
/// <c>data/versions/NNNNNN/timestamps/</c> under their stored names; <c>tokens.txt</c>, one line per token for VERIFY.md:
/// <c>token data chain epoch crl-check crls…</c> (data is <c>../chain.txt</c> for a token over the chain hash, else its renewal
/// input; epoch is the token's time, at which the chain and revocation answers are checked; crl-check is the
/// <c>openssl verify</c> option the stored lists allow: <c>-crl_check</c>, <c>ocsp</c> when the token's answers are OCSP only, or
/// <c>none</c> when no certificate of its chain named a revocation source, its revocation unchecked); and <c>ocsp.txt</c>, one
/// line per OCSP answer: <c>token answer chain position epoch</c> (position: the certificate's place in the chain file, 1 for
/// the signer; its issuer is the next one).
/// </summary>
internal static class LongTermTimestampFiles
{
    public const string Folder = "timestamps/";
    public const string Index = "tokens.txt";
    public const string OcspIndex = "ocsp.txt";

    /// <summary>The blobs to copy (blob name, bundle path, recorded SHA-256) and the index file's text; none when the row lists no token.</summary>
    public static (IReadOnlyList<(string Blob, string Path, string Sha256)> Files, string? Index) Of(VersionRecord version)
    {
        var tokens = TokenRecords.TryOf(version, out _) ?? [];
        if (tokens.Count == 0) return ([], null);
        var folder = EvidenceBundleLayout.Folder(version.Sequence) + Folder;
        var files = new List<(string, string, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(string blob, string sha)
        {
            if (seen.Add(blob)) files.Add((blob, folder + TimestampRenewal.FileName(blob), sha));
        }
        var index = new StringBuilder();
        foreach (var token in tokens)
        {
            Add(token.Blob, token.Sha256);
            Add(token.ChainBlob, token.ChainSha256);
            foreach (var revocation in token.Revocations) Add(revocation.Blob, revocation.Sha256);
            if (token.RenewalOf is { } renewal)
            {
                Add(renewal, TimestampRenewal.RenewalSha(renewal));
                // A renewal input names files by their stored names: every one it lists is in this folder too.
                foreach (var earlier in tokens.TakeWhile(t => t != token))
                {
                    Add(earlier.Blob, earlier.Sha256);
                    Add(earlier.ChainBlob, earlier.ChainSha256);
                }
            }
            var data = token.RenewalOf is { } input ? TimestampRenewal.FileName(input) : "../chain.txt";
            var crls = token.Revocations.Where(r => r.Kind == RevocationCheck.Kind).Select(r => TimestampRenewal.FileName(r.Blob)).ToList();
            var check = crls.Count > 0 ? "-crl_check" : token.Revocations.Count > 0 ? OcspCheck.Kind : "none";
            index.Append(CultureInfo.InvariantCulture, $"{TimestampRenewal.FileName(token.Blob)} {data} {TimestampRenewal.FileName(token.ChainBlob)} {token.GenTime.ToUnixTimeSeconds()} {check}");
            foreach (var crl in crls) index.Append(' ').Append(crl);
            index.Append('\n');
        }
        return (files, index.ToString());
    }

    /// <summary>
    /// The text of <c>ocsp.txt</c> for the version's OCSP answers, given the bytes of its tokens' certificate chains (by blob);
    /// null when it has none. An answer whose certificate is not in its chain (below the root) is left out: verify names it.
    /// </summary>
    public static string? OcspIndexOf(VersionRecord version, IReadOnlyDictionary<string, byte[]> chains)
    {
        var index = new StringBuilder();
        foreach (var token in TokenRecords.TryOf(version, out _) ?? [])
        {
            if (!token.Revocations.Any(r => r.Kind == OcspCheck.Kind) || !chains.TryGetValue(token.ChainBlob, out var pem)) continue;
            var chain = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
            try { chain.ImportFromPem(Encoding.ASCII.GetString(pem)); }
            catch (System.Security.Cryptography.CryptographicException) { continue; }
            foreach (var answer in token.Revocations.Where(r => r.Kind == OcspCheck.Kind))
            {
                var position = Enumerable.Range(0, chain.Count - 1).FirstOrDefault(i => chain[i].Subject == answer.Certificate, -1);
                if (position < 0) continue;
                index.Append(CultureInfo.InvariantCulture,
                    $"{TimestampRenewal.FileName(token.Blob)} {TimestampRenewal.FileName(answer.Blob)} {TimestampRenewal.FileName(token.ChainBlob)} {position + 1} {token.GenTime.ToUnixTimeSeconds()}\n");
            }
        }
        return index.Length == 0 ? null : index.ToString();
    }

    /// <summary>The VERIFY.md step that checks every token of <c>tokens.txt</c> and every answer of <c>ocsp.txt</c> offline, or null when the bundle has none.</summary>
    /// <param name="tolerance">How much later than the token an OCSP answer may be made (<see cref="EvidenceOptions.TimestampTolerance"/>).</param>
    public static string? Instructions(bool any, TimeSpan tolerance) => !any ? null : $$$"""

        ## 4. Long-term timestamps

        `data/versions/NNNNNN/timestamps/` holds every token of the version: one from each configured authority over the chain
        hash, and the renewals, each a token over a `*.renewal.txt` that lists (in `sha256sum` form) the earlier tokens and
        their validation data, stamped before the earlier tokens' certificates expired (RFC 4998's idea). Beside each token
        are its authority's certificate chain (`*.pem`, signer first), the revocation lists (`*.crl`) and the OCSP answers
        (`*.ocsp`, DER) fetched when it was stamped. `tokens.txt` names, per token: the token, what it stamps, its chain, its
        time (seconds since 1970), how its revocation is checked and the revocation lists; `ocsp.txt` names, per OCSP
        answer: its token, the answer, the chain and the place in it of the certificate it is about (its issuer is the next),
        and the token's time. The command checks each token with `openssl ts -verify` against the roots in `TSA_ROOT` (one
        PEM file holding the root of every authority, each obtained from the authority itself), each renewal input's listed
        files with `sha256sum -c`, the signer's chain with its revocation lists at the token's time with `openssl verify`,
        and each OCSP answer with `openssl ocsp -respin` (signed by the issuer or its delegated responder, chained to
        `TSA_ROOT` at the token's time, status `good`) and its window: `openssl ocsp` checks thisUpdate and nextUpdate only
        against today's clock (and merely warns), so the command reads them (`date -d`, GNU coreutils) and requires
        thisUpdate no later than {{{(int)tolerance.TotalSeconds}}} seconds after the token's time and nextUpdate not before it
        (without a nextUpdate: thisUpdate within {{{(int)tolerance.TotalSeconds}}} seconds of it). A token marked `none` has
        no revocation answer (its certificates name no revocation list or OCSP responder): the command says its revocation
        is unchecked. Besides the tools above it uses `awk` (to take one certificate out of a chain file) and `mktemp`.

        ```sh
        test -n "$TSA_ROOT" && test -r "$TSA_ROOT" || { echo "TSA_ROOT must name the timestamp authorities' root certificates (PEM)"; exit 2; }; TSA_ROOT=$(realpath "$TSA_ROOT"); for f in data/versions/*/timestamps/tokens.txt; do d=$(dirname "$f"); while read -r token data chain at check crls; do echo "$d/$token:"; ( cd "$d" && openssl ts -verify -data "$data" -in "$token" -CAfile "$TSA_ROOT" -untrusted "$chain" ) || exit 1; case "$data" in *.renewal.txt) ( cd "$d" && sha256sum -c "$data" ) || exit 1;; esac; case "$check" in -crl_check*) ( cd "$d" && openssl verify -attime "$at" -purpose timestampsign $check -CAfile "$TSA_ROOT" -untrusted "$chain" $(for c in $crls; do printf -- '-CRLfile %s ' "$c"; done) "$chain" ) || exit 1;; none) echo "$d/$token: revocation unchecked: its certificates name no revocation list or OCSP responder";; esac; done < "$f" || exit 1; test -f "$d/ocsp.txt" || continue; ( cd "$d" && while read -r token answer chain n at; do echo "$d/$answer ($token):"; c=$(mktemp) && i=$(mktemp) || exit 1; awk -v n="$n" '/-BEGIN CERTIFICATE-/{k++} k==n' "$chain" > "$c"; awk -v n="$((n + 1))" '/-BEGIN CERTIFICATE-/{k++} k==n' "$chain" > "$i"; o=$(openssl ocsp -respin "$answer" -issuer "$i" -cert "$c" -CAfile "$TSA_ROOT" -verify_other "$chain" -no_nonce -attime "$at") || { rm -f "$c" "$i"; echo "$d/$answer: does not verify"; exit 1; }; rm -f "$c" "$i"; echo "$o"; echo "$o" | grep -q ': good$' || { echo "$d/$answer: the certificate is not good"; exit 1; }; tu=$(date -u -d "$(echo "$o" | sed -n 's/^[[:space:]]*This Update: //p')" +%s) || exit 1; nu=$(echo "$o" | sed -n 's/^[[:space:]]*Next Update: //p'); test "$tu" -le "$((at + {{{(int)tolerance.TotalSeconds}}}))" || { echo "$d/$answer: made after the token's time"; exit 1; }; if test -n "$nu"; then test "$(date -u -d "$nu" +%s)" -ge "$at" || { echo "$d/$answer: expired before the token's time"; exit 1; }; else test "$tu" -ge "$((at - {{{(int)tolerance.TotalSeconds}}}))" || { echo "$d/$answer: older than the token's time"; exit 1; }; fi; echo "$d/$answer: good at $at"; done < ocsp.txt ) || exit 1; done
        ```

        """;
}
