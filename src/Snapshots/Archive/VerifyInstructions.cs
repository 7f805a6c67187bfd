using System.Text;

namespace Snapshots.Archive;

/// <summary>
/// <c>VERIFY.md</c> of an evidence bundle: how to check it with standard tools only (<c>sha256sum</c>, <c>sed</c>, <c>cut</c>,
/// <c>openssl ts</c>). Every <c>sh</c> block is one command that exits non-zero when the check fails; the tests run the
/// blocks exactly as written.
/// </summary>
internal static class VerifyInstructions
{
    public static string Render(EvidenceManifest manifest, bool hasTokens, bool hasTrustAnchors)
    {
        var range = manifest.FromVersion == manifest.ToVersion ? $"version {manifest.FromVersion}" : $"versions {manifest.FromVersion} to {manifest.ToVersion}";
        var md = new StringBuilder();
        md.Append($$"""
            # Verifying this evidence bundle

            {{manifest.Platform}}, {{manifest.TermsType}} (`{{manifest.Document}}`), {{range}}, exported by Snapshots on {{HashChain.FormatTime(manifest.ExportedAt)}}.
            Unzip the bundle and run each command below in its folder with a POSIX shell (`sh`). Each prints what it checked
            and exits with a non-zero status when anything does not match. Only standard tools are needed: `sha256sum`
            (GNU coreutils), `sed`, `cut` and `openssl` (1.1 or 3.x).

            ## What is in it

            - `versions/NNNNNN/text.md`: the normalized text of version NNNNNN; its SHA-256 is the version's hash.
            - `versions/NNNNNN/raw-K.*`: the raw bytes of each source page as fetched.
            - `versions/NNNNNN/chain.txt`: the input of the version's chain hash, without a final newline: the previous
              version's chain hash (64 zeros before version 1), the SHA-256 of `text.md`, the capture time in UTC
              (`yyyy-MM-ddTHH:mm:ss.fffZ`), and, for versions recorded with chain format 2 (`chainFormat` in the manifest),
              a fourth line `snapshots-chain/2 {...}`: one line of JSON with the version's other evidence (its sequence
              number, previous text, raw hash, every source URL with its final URL, media type and hash, the declaration's
              fingerprint, its origin, live or import, and whether a timestamp was requested). The chain hash is the
              SHA-256 of this file: `{{manifest.ChainFormula}}`. Changing, removing or reordering a version, or any field in
              its chain.txt, breaks every later link.
            - `versions/NNNNNN/timestamp.tsr`: when present, an RFC 3161 time-stamp response from an independent authority
              whose message imprint is the chain hash: the authority vouches that the chain hash, and so the text and
              the capture time in it, existed at the time it states.
            - `tsa/certs.pem`: the certificates the authorities sent with their tokens; `tsa/trust-anchors.pem`: the root
              certificates the exporter was configured with, for comparison only. Anyone can make a bundle with their own
              authority and its root: step 3 trusts only the root you obtain yourself, from the authority.
            - `manifest.json` (every hash, time and source URL), `citations.txt` (one citation line per version),
              `declaration.json` (how the document is extracted now), `SHA256SUMS`.

            ## 1. Every file is what was recorded

            The texts, raw snapshots and chain inputs are listed with the hashes recorded when they were captured.

            ```sh
            sha256sum -c SHA256SUMS
            ```

            ## 2. The chain links

            Each version's `chain.txt` starts with the previous version's chain hash and names the SHA-256 of its own text.
            The first exported version's previous chain hash is `{{manifest.PreviousChainHash}}`{{(manifest.FromVersion > 1 ? $" (version {manifest.FromVersion - 1}'s chain hash, as recorded)" : " (64 zeros: version 1 starts the chain)")}}.

            ```sh
            ls -d versions/*/ | { prev={{manifest.PreviousChainHash}}; while read -r d; do test "$(sed -n 1p "${d}chain.txt")" = "$prev" || { echo "$d: previous chain hash does not match"; exit 1; }; test "$(sed -n 2p "${d}chain.txt")" = "$(sha256sum < "${d}text.md" | cut -c1-64)" || { echo "$d: text hash does not match"; exit 1; }; prev=$(sha256sum < "${d}chain.txt" | cut -c1-64); echo "$d: linked"; done; }
            ```

            Version {{manifest.ToVersion}}'s chain hash, the SHA-256 of `versions/{{manifest.ToVersion:D6}}/chain.txt`, is `{{manifest.Versions[^1].ChainHash}}`: compare it with the hash cited in any later correspondence.

            """);

        md.Append("\n## 3. The trusted timestamps\n\n");
        if (!hasTokens)
        {
            md.Append("No version in this bundle has a timestamp token (timestamping was off or had not completed when it was exported).\n");
            return md.ToString();
        }
        var hint = hasTrustAnchors
            ? $"The exporter was configured with {manifest.TrustAnchors} (shipped as `{EvidenceBundleLayout.TrustAnchors}` to compare with, not to trust)."
            : $"The exporter trusted the operating system's roots: if the authority chains to a public root, `TSA_ROOT={EvidenceBundleLayout.SystemRoots}` is that trust.";
        md.Append($$"""
            Each token is checked against the version's chain input (`openssl ts` hashes `chain.txt` with SHA-256 and compares
            it with the token's imprint), its signature, and its signer's certificate chain up to **a root certificate you
            obtain yourself from the timestamp authority** (its website or its published policy), never one taken from this
            bundle: a forger can ship their own authority's root beside tokens they made. Put that root (PEM) in a file and
            name it in `TSA_ROOT`, e.g. `TSA_ROOT=/path/to/tsa-root.pem sh -c '...'` or `export TSA_ROOT=/path/to/tsa-root.pem`
            first; the command refuses to run without it. {{hint}}

            ```sh
            test -n "$TSA_ROOT" && test -r "$TSA_ROOT" || { echo "TSA_ROOT must name the timestamp authority's root certificate (PEM), obtained from the authority itself, not from this bundle"; exit 2; }; ls versions/*/timestamp.tsr | while read -r t; do d=$(dirname "$t"); echo "$d:"; openssl ts -verify -data "$d/chain.txt" -in "$t" -CAfile "$TSA_ROOT" -untrusted {{EvidenceBundleLayout.AuthorityCertificates}} || exit 1; done
            ```

            To read the time an authority states: `openssl ts -reply -in versions/{{manifest.ToVersion:D6}}/timestamp.tsr -text` (line `Time stamp:`).
            Versions without a `timestamp.tsr` have no trusted time; their capture time is Snapshots' own clock.

            """);
        return md.ToString();
    }
}
