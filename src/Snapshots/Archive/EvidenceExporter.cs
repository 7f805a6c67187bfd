using Snapshots.Text;
using System.IO.Compression;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Snapshots.Catalog;

namespace Snapshots.Archive;

/// <summary>What an export wrote, and anything in the archive that did not match its records (exported as found).</summary>
public sealed record ExportSummary(DocumentId Document, long From, long To, int Versions, int Tokens, int Files, IReadOnlyList<string> Problems);

/// <summary>
/// Writes a self-contained evidence bundle for a range of a document's versions (see <see cref="EvidenceBundleLayout"/>):
/// texts and raw snapshots, each version's chain input, the timestamp responses and the authority certificates they carry,
/// the trust anchors, <c>manifest.json</c>, <c>citations.txt</c>, <c>SHA256SUMS</c> (the recorded hashes, checked by
/// <c>sha256sum -c</c>) and <c>VERIFY.md</c> (<see cref="VerifyInstructions"/>).
/// </summary>
public sealed class EvidenceExporter(DocumentCatalog catalog, VersionLedger ledger, SnapshotArchive archive, TimestampValidator validator, TrustAnchors anchors, TimeProvider clock)
{
    public async Task<ExportSummary> ExportAsync(DocumentId id, long? from, long? to, Stream output, CancellationToken ct = default)
    {
        var document = await catalog.FindAsync(id, ct) ?? throw new UnknownDocumentException(id);
        var all = await ledger.ListAsync(id, ct);
        if (all.Count == 0) throw new UnknownVersionException(id, from ?? 1);
        var first = from ?? 1;
        var last = to ?? all[^1].Sequence;
        if (first < 1 || last < first) throw new FormatException($"--from {first} --to {last} is not a range of versions of {id} (1 to {all[^1].Sequence})");
        var versions = all.Where(v => v.Sequence >= first && v.Sequence <= last).ToList();
        if (versions.Count == 0 || versions[0].Sequence != first) throw new UnknownVersionException(id, first);
        if (versions[^1].Sequence != last) throw new UnknownVersionException(id, last);

        var stored = (await archive.ListAsync(id.BlobPrefix, ct)).ToHashSet(StringComparer.Ordinal);
        var checksums = new List<(string Sha256, string Path)>();
        var problems = new List<string>();
        var certificates = new Dictionary<string, X509Certificate2>(StringComparer.Ordinal);
        var entries = new List<EvidenceVersion>();
        var tokens = 0;
        var longTerm = false;
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);

        async Task<byte[]?> CopyAsync(string blob, string path, long sequence)
        {
            try
            {
                var bytes = await archive.ReadAsync(blob, ct);
                await WriteAsync(zip, path, bytes, ct);
                return bytes;
            }
            catch (MissingSnapshotException)
            {
                problems.Add($"version {sequence}: blob snapshots/{blob} is missing: not in the bundle");
                return null;
            }
        }

        foreach (var version in versions)
        {
            var n = version.Sequence;
            var text = await CopyAsync(version.TextBlob, EvidenceBundleLayout.Text(n), n);
            if (text is not null && Sha256Hex.Of(text) != version.TextSha256) problems.Add($"version {n}: snapshots/{version.TextBlob} does not hash to its recorded SHA-256");
            checksums.Add((version.TextSha256, EvidenceBundleLayout.Text(n)));

            var input = HashChain.InputOf(version);
            if (input is null) problems.Add($"version {n}: chain format {HashChain.FormatOf(version)} is not one this version of Snapshots knows: its chain.txt holds the first three lines only");
            var chainInput = Encoding.UTF8.GetBytes(input ?? HashChain.Input(version.PreviousChainHash, version.TextSha256, version.CapturedAt));
            await WriteAsync(zip, EvidenceBundleLayout.Chain(n), chainInput, ct);
            if (Sha256Hex.Of(chainInput) != version.ChainHash) problems.Add($"version {n}: the row's chain hash is not the SHA-256 of its chain input");
            checksums.Add((version.ChainHash, EvidenceBundleLayout.Chain(n)));

            var raws = new List<EvidenceRawFile>();
            var index = 1;
            foreach (var source in version.RawSources())
            {
                var path = EvidenceBundleLayout.Raw(n, index++, source.Blob);
                var raw = await CopyAsync(source.Blob, path, n);
                if (raw is not null && Sha256Hex.Of(raw) != source.Sha256) problems.Add($"version {n}: snapshots/{source.Blob} does not hash to its recorded SHA-256");
                if (raw is not null) checksums.Add((source.Sha256, path));
                raws.Add(new EvidenceRawFile(source.Url, source.FinalUrl, source.MediaType, source.Sha256, path));
            }

            EvidenceTimestamp? timestamp = null;
            var tokenBlob = SnapshotArchive.TimestampBlobName(id, version.ChainHash);
            if (stored.Contains(tokenBlob))
            {
                var response = await archive.ReadAsync(tokenBlob, ct);
                var path = EvidenceBundleLayout.Timestamp(n);
                await WriteAsync(zip, path, response, ct);
                checksums.Add((Sha256Hex.Of(response), path));
                tokens++;
                var verdict = validator.Check(response, version.ChainHash, version.CapturedAt);
                foreach (var problem in verdict.Problems) problems.Add($"version {n}: timestamp token: {problem}");
                foreach (var certificate in verdict.Certificates) certificates.TryAdd(certificate.Thumbprint, certificate);
                if (verdict.Facts is { } facts) timestamp = new EvidenceTimestamp(path, version.TimestampAuthority, facts.Signer, facts.Serial, facts.GenTime);
            }

            var (longTermFiles, longTermIndex) = LongTermTimestampFiles.Of(version);
            foreach (var (blob, path, sha) in longTermFiles)
            {
                var copied = await CopyAsync(blob, path, n);
                if (copied is null) continue;
                if (Sha256Hex.Of(copied) != sha) problems.Add($"version {n}: snapshots/{blob} does not hash to its recorded SHA-256");
                checksums.Add((sha, path));
            }
            if (longTermIndex is not null)
            {
                var indexPath = EvidenceBundleLayout.Folder(n) + LongTermTimestampFiles.Folder + LongTermTimestampFiles.Index;
                var indexBytes = Encoding.ASCII.GetBytes(longTermIndex);
                await WriteAsync(zip, indexPath, indexBytes, ct);
                checksums.Add((Sha256Hex.Of(indexBytes), indexPath));
                longTerm = true;
            }

            entries.Add(new EvidenceVersion(n, version.CapturedAt, Citation.SourceOf(document, version), version.TextSha256, version.RawSha256,
                version.PreviousTextSha256, version.PreviousChainHash, version.ChainHash, version.DeclarationSha256, version.Origin,
                EvidenceBundleLayout.Text(n), EvidenceBundleLayout.Chain(n), raws, timestamp, Citation.Line(document, version),
                HashChain.FormatOf(version) == HashChain.FirstFormat ? null : HashChain.FormatOf(version)));
        }

        if (certificates.Count > 0) checksums.Add(await WritePemAsync(zip, EvidenceBundleLayout.AuthorityCertificates, certificates.Values, ct));
        var withAnchors = tokens > 0 && !anchors.UsesSystemRoots;
        if (withAnchors) checksums.Add(await WritePemAsync(zip, EvidenceBundleLayout.TrustAnchors, anchors.Certificates.Cast<X509Certificate2>(), ct));

        var declaration = Encoding.UTF8.GetBytes(document.DeclarationJson);
        await WriteAsync(zip, EvidenceBundleLayout.Declaration, declaration, ct);
        checksums.Add((Sha256Hex.Of(declaration), EvidenceBundleLayout.Declaration));

        var citations = Encoding.UTF8.GetBytes(string.Join("\n", entries.Select(e => e.Citation)) + "\n");
        await WriteAsync(zip, EvidenceBundleLayout.Citations, citations, ct);
        checksums.Add((Sha256Hex.Of(citations), EvidenceBundleLayout.Citations));

        var manifest = new EvidenceManifest(EvidenceManifest.CurrentFormat, id.ToString(), document.PlatformName, document.TermsType, clock.GetUtcNow(),
            first, last, ChainFormula,
            versions[0].PreviousChainHash, new EvidenceDeclaration(EvidenceBundleLayout.Declaration, document.DeclarationSha256),
            withAnchors ? EvidenceBundleLayout.TrustAnchors : anchors.Describe(), entries);
        var manifestBytes = JsonSerializer.SerializeToUtf8Bytes(manifest, EvidenceManifest.Json);
        await WriteAsync(zip, EvidenceBundleLayout.Manifest, manifestBytes, ct);
        checksums.Add((Sha256Hex.Of(manifestBytes), EvidenceBundleLayout.Manifest));

        var instructions = Encoding.UTF8.GetBytes(VerifyInstructions.Render(manifest, tokens > 0, withAnchors) + LongTermTimestampFiles.Instructions(longTerm));
        await WriteAsync(zip, EvidenceBundleLayout.Instructions, instructions, ct);
        checksums.Add((Sha256Hex.Of(instructions), EvidenceBundleLayout.Instructions));

        var sums = string.Concat(checksums.Select(c => $"{c.Sha256}  {c.Path}\n"));
        await WriteAsync(zip, EvidenceBundleLayout.Checksums, Encoding.UTF8.GetBytes(sums), ct);
        return new ExportSummary(id, first, last, versions.Count, tokens, checksums.Count + 1, problems);
    }

    private const string ChainFormula = "chain(n) = SHA-256(chain.txt of version n); chain.txt = chain(n-1) + \"\\n\" + textSha256(n) + \"\\n\" + capturedAt(n) as yyyy-MM-ddTHH:mm:ss.fffZ"
        + " [chainFormat 2: + \"\\n\" + \"snapshots-chain/2 \" + one line of JSON with the version's other evidence fields], no final newline; chain(0) = 64 zeros";

    private static async Task<(string, string)> WritePemAsync(ZipArchive zip, string path, IEnumerable<X509Certificate2> certificates, CancellationToken ct)
    {
        var pem = Encoding.ASCII.GetBytes(string.Concat(certificates.Select(c => c.ExportCertificatePem() + "\n")));
        await WriteAsync(zip, path, pem, ct);
        return (Sha256Hex.Of(pem), path);
    }

    private static async Task WriteAsync(ZipArchive zip, string path, byte[] bytes, CancellationToken ct)
    {
        var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
        await using var stream = entry.Open();
        await stream.WriteAsync(bytes, ct);
    }
}
