using System.Text;

namespace Snapshots.Archive;

/// <summary>
/// <c>VERIFY.md</c> of an evidence bundle: what the bundle can prove given what it holds (<see cref="EvidenceVerdict"/>), and how
/// to check it with standard tools only (<c>sha256sum</c>, <c>sed</c>, <c>cut</c>, <c>grep</c>, <c>find</c>, <c>openssl ts</c>).
/// Every <c>sh</c> block is one command that exits non-zero when the check fails, naming the file; the tests run the blocks
/// exactly as written.
/// </summary>
internal static class VerifyInstructions
{
    public static string Render(EvidenceManifest manifest, bool hasTokens, bool hasTrustAnchors, EvidenceVerdict reach)
    {
        var range = manifest.FromVersion == manifest.ToVersion ? $"version {manifest.FromVersion}" : $"versions {manifest.FromVersion} to {manifest.ToVersion}";
        var last = manifest.ToVersion.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var md = new StringBuilder();
        md.Append($$"""
            # Verifying this evidence bundle

            {{manifest.Platform}}, {{manifest.TermsType}} (`{{manifest.Document}}`), {{range}}, exported by Snapshots on {{HashChain.FormatTime(manifest.ExportedAt)}}.
            Unzip the bundle and run each command below in its folder with a POSIX shell (`sh`). Each prints what it checked
            and exits with a non-zero status, naming the file, when anything does not match. Only standard tools are needed:
            `sha256sum` (GNU coreutils), `sed`, `cut`, `grep`, `find` and `openssl` (1.1 or 3.x).

            ## What this bundle can prove

            If every step below passes: **{{reach.Headline}}** {{reach.Reach}}
            {{(hasTokens ? "" : "\nThis bundle holds no timestamp token and no signed checkpoint. Its hashes show only that its files agree with each other: whoever made it, a forger included, could have edited a text and recomputed every hash and link. It is evidence of integrity, not of time or origin.\n")}}
            ## What is in it

            The bundle is a BagIt bag (RFC 8493): `bagit.txt`, `bag-info.txt`, `manifest-sha256.txt` (every payload file with
            the SHA-256 recorded when it was captured), `tagmanifest-sha256.txt` (the tag files, this one included), and the
            payload under `data/`:

            - `data/versions/NNNNNN/text.md`: the normalized text of version NNNNNN; its SHA-256 is the version's hash.
            - `data/versions/NNNNNN/raw-K.*`: the raw bytes of each source page as fetched (decoded from its Content-Encoding).
            - `data/versions/NNNNNN/capture-K.warc.gz`: the WARC (ISO 28500, WARC/1.1) capture of that fetch, for versions
              recorded from chain format 3: the request as sent, the response with every header and the body exactly as
              received (`WARC-Payload-Digest: sha256:` + hex), the TLS protocol, cipher suite and the server's certificate
              chain, and for a rendered page the rendered DOM and a full-page screenshot.
            - `data/versions/NNNNNN/chain.txt`: the input of the version's chain hash, without a final newline: the previous
              version's chain hash (64 zeros before version 1), the SHA-256 of `text.md`, the capture time in UTC
              (`yyyy-MM-ddTHH:mm:ss.fffZ`), and, from chain format 2 (`chainFormat` in the manifest), a fourth line
              `snapshots-chain/2 {...}` or `snapshots-chain/3 {...}`: one line of JSON with the version's other evidence (its
              sequence number, previous text, raw hash, every source URL with its final URL, media type and hash, from
              format 3 the SHA-256 of its WARC capture, the declaration's fingerprint, its origin, live or import, and whether a
              timestamp was requested). The chain hash is the SHA-256 of this file: `{{manifest.ChainFormula}}`. Changing,
              removing or reordering a version, or any field in its chain.txt, breaks every later link.
            - `data/versions/NNNNNN/timestamp.tsr`: when present, an RFC 3161 time-stamp response from an independent authority
              whose message imprint is the chain hash: the authority vouches that the chain hash, and so the text, the raw and
              WARC captures and the capture time in it, existed at the time it states.
            - `data/tsa/certs.pem`: the certificates the authorities sent with their tokens; `data/tsa/trust-anchors.pem`: the
              root certificates the exporter was configured with, for comparison only. Anyone can make a bundle with their own
              authority and its root: step 3 trusts only the root you obtain yourself, from the authority.
            - `data/manifest.json` (every hash, time and source URL), `data/citations.txt` (one citation line per version),
              `data/declaration.json` (how the document is extracted now), `CERTIFICATE.md` (a certificate of authenticity to
              complete and sign, and the statement of what the bundle proves and what it does not).

            ## 1. Every file is what was recorded

            Every payload file against the hash recorded when it was captured, every tag file against the tag manifest, and no
            file in `data/` that the manifest does not list.

            ```sh
            sha256sum -c manifest-sha256.txt && sha256sum -c tagmanifest-sha256.txt && find data -type f | while read -r f; do cut -c67- manifest-sha256.txt | grep -qxF "$f" || { echo "$f: not listed in manifest-sha256.txt"; exit 1; }; done
            ```

            ## 2. The chain links

            Each version's `chain.txt` starts with the previous version's chain hash and names the SHA-256 of its own text; from
            chain format 2 its fourth line names the SHA-256 of every raw file and, from format 3, of every WARC capture.
            The first exported version's previous chain hash is `{{manifest.PreviousChainHash}}`{{(manifest.FromVersion > 1 ? $" (version {manifest.FromVersion - 1}'s chain hash, as recorded)" : " (64 zeros: version 1 starts the chain)")}}.

            ```sh
            ls -d data/versions/*/ | { prev={{manifest.PreviousChainHash}}; while read -r d; do c="${d}chain.txt"; test "$(sed -n 1p "$c")" = "$prev" || { echo "$c: previous chain hash does not match"; exit 1; }; test "$(sed -n 2p "$c")" = "$(sha256sum < "${d}text.md" | cut -c1-64)" || { echo "${d}text.md: its hash is not the one in $c"; exit 1; }; if test -n "$(sed -n 4p "$c")"; then for f in "$d"raw-* "$d"capture-*; do test -e "$f" || continue; sed -n 4p "$c" | grep -qF "\"$(sha256sum < "$f" | cut -c1-64)\"" || { echo "$f: its SHA-256 is not on the chain in $c"; exit 1; }; done; fi; prev=$(sha256sum < "$c" | cut -c1-64); echo "$d: linked"; done; }
            ```

            Version {{manifest.ToVersion}}'s chain hash, the SHA-256 of `data/versions/{{last}}/chain.txt`, is `{{manifest.Versions[^1].ChainHash}}`: compare it with the hash cited in any later correspondence.

            """);

        md.Append("\n## 3. The trusted timestamps\n\n");
        if (!hasTokens)
        {
            md.Append("No version in this bundle has a timestamp token (timestamping was off or had not completed when it was exported): "
                + "nothing in it proves when it was captured. The capture times are Snapshots' own clock.\n");
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
            test -n "$TSA_ROOT" && test -r "$TSA_ROOT" || { echo "TSA_ROOT must name the timestamp authority's root certificate (PEM), obtained from the authority itself, not from this bundle"; exit 2; }; ls data/versions/*/timestamp.tsr | while read -r t; do d=$(dirname "$t"); echo "$d:"; openssl ts -verify -data "$d/chain.txt" -in "$t" -CAfile "$TSA_ROOT" -untrusted {{EvidenceBundleLayout.AuthorityCertificates}} || { echo "$t: does not verify"; exit 1; }; done
            ```

            To read the time an authority states: `openssl ts -reply -in data/versions/{{last}}/timestamp.tsr -text` (line `Time stamp:`).
            Versions without a `timestamp.tsr` have no trusted time; their capture time is Snapshots' own clock.

            """);
        return md.ToString();
    }

    /// <summary>The steps contributors added (<see cref="BundleContribution.AddVerifyStep"/>), numbered from <paramref name="first"/>.</summary>
    public static string Steps(int first, IReadOnlyList<(string Title, string Body)> steps) =>
        string.Concat(steps.Select((s, i) => $"\n## {first + i}. {s.Title}\n\n{s.Body.TrimEnd()}\n"));
}
