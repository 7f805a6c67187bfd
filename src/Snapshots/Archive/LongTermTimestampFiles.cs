using System.Globalization;
using System.Text;

namespace Snapshots.Archive;

/// <summary>
/// The long-term timestamp files of one version in an evidence bundle: every token of its list (one per authority, and the
/// renewals), each with its certificate chain and revocation lists, and each renewal's input, all in
/// <c>data/versions/NNNNNN/timestamps/</c> under their stored names; and <c>tokens.txt</c>, one line per token for VERIFY.md:
/// <c>token data chain epoch crl-check crls…</c> (data is <c>../chain.txt</c> for a token over the chain hash, else its renewal
/// input; epoch is the token's time, at which the chain and revocation lists are checked; crl-check is the
/// <c>openssl verify</c> option the stored lists allow: <c>-crl_check_all</c>, <c>-crl_check</c> or <c>none</c>).
/// </summary>
internal static class LongTermTimestampFiles
{
    public const string Folder = "timestamps/";
    public const string Index = "tokens.txt";

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
            var crls = token.Revocations.Select(r => TimestampRenewal.FileName(r.Blob)).ToList();
            var check = crls.Count == 0 ? "none" : "-crl_check";
            index.Append(CultureInfo.InvariantCulture, $"{TimestampRenewal.FileName(token.Blob)} {data} {TimestampRenewal.FileName(token.ChainBlob)} {token.GenTime.ToUnixTimeSeconds()} {check}");
            foreach (var crl in crls) index.Append(' ').Append(crl);
            index.Append('\n');
        }
        return (files, index.ToString());
    }

    /// <summary>The VERIFY.md step that checks every token of <c>tokens.txt</c> offline, or null when the bundle has none.</summary>
    public static string? Instructions(bool any) => !any ? null : """

        ## 4. Long-term timestamps

        `data/versions/NNNNNN/timestamps/` holds every token of the version: one from each configured authority over the chain
        hash, and the renewals, each a token over a `*.renewal.txt` that lists (in `sha256sum` form) the earlier tokens and
        their validation data, stamped before the earlier tokens' certificates expired (RFC 4998's idea). Beside each token
        are its authority's certificate chain (`*.pem`, signer first) and the revocation lists (`*.crl`) fetched when it was
        stamped. `tokens.txt` names, per token: the token, what it stamps, its chain, its time (seconds since 1970) and the
        revocation lists. The command checks each token with `openssl ts -verify` against the roots in `TSA_ROOT` (one PEM
        file holding the root of every authority, each obtained from the authority itself), each renewal input's listed
        files with `sha256sum -c`, and the signer's chain with its revocation lists at the token's time with `openssl verify`.

        ```sh
        test -n "$TSA_ROOT" && test -r "$TSA_ROOT" || { echo "TSA_ROOT must name the timestamp authorities' root certificates (PEM)"; exit 2; }; TSA_ROOT=$(realpath "$TSA_ROOT"); for f in data/versions/*/timestamps/tokens.txt; do d=$(dirname "$f"); while read -r token data chain at check crls; do echo "$d/$token:"; ( cd "$d" && openssl ts -verify -data "$data" -in "$token" -CAfile "$TSA_ROOT" -untrusted "$chain" ) || exit 1; case "$data" in *.renewal.txt) ( cd "$d" && sha256sum -c "$data" ) || exit 1;; esac; if [ "$check" != none ]; then ( cd "$d" && openssl verify -attime "$at" -purpose timestampsign $check -CAfile "$TSA_ROOT" -untrusted "$chain" $(for c in $crls; do printf -- '-CRLfile %s ' "$c"; done) "$chain" ) || exit 1; fi; done < "$f" || exit 1; done
        ```

        """;
}
