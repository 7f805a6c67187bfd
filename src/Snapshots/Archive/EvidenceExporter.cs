using Snapshots.Text;
using System.IO.Compression;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Snapshots.Catalog;

namespace Snapshots.Archive;

/// <summary>What an export wrote, and anything in the archive that did not match its records (exported as found).</summary>
public sealed record ExportSummary(DocumentId Document, long From, long To, int Versions, int Tokens, int Files, IReadOnlyList<string> Problems)
{
    /// <summary>What the bundle can prove given what it holds, if its checks pass (<see cref="EvidenceVerdict"/>).</summary>
    public EvidenceVerdict Reach => EvidenceVerdict.Of(0, Versions, Tokens);
}

/// <summary>
/// Writes a self-contained evidence bundle for a range of a document's versions: a BagIt bag in a zip (<see cref="BagWriter"/>,
/// <see cref="EvidenceBundleLayout"/>) holding the texts, raw snapshots, WARC captures, each version's chain input, the
/// timestamp responses and the authority certificates they carry, the configured trust anchors (for comparison only),
/// <c>manifest.json</c>, <c>citations.txt</c>, what <see cref="IBundleContributor"/>s add (provision texts, log proofs), and the
/// tag files <c>VERIFY.md</c> (<see cref="VerifyInstructions"/>) and <c>CERTIFICATE.md</c> (<see cref="AuthenticityCertificate"/>).
/// </summary>
public sealed class EvidenceExporter(DocumentCatalog catalog, VersionLedger ledger, SnapshotArchive archive, TimestampValidator validator, TrustAnchors anchors,
    TimeProvider clock, IEnumerable<IBundleContributor> contributors, Microsoft.Extensions.Options.IOptions<EvidenceOptions> options)
{
    public async Task<ExportSummary> ExportAsync(DocumentId id, long? from, long? to, Stream output, CancellationToken ct = default)
    {
        var (document, versions, first, last) = await RangeAsync(id, from, to, ct);
        var stored = (await archive.ListAsync(id.BlobPrefix, ct)).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        var certificates = new Dictionary<string, X509Certificate2>(StringComparer.Ordinal);
        var entries = new List<EvidenceVersion>();
        var tokens = 0;
        var longTerm = false;
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var bag = new BagWriter(zip);

        async Task<byte[]?> CopyAsync(string blob, string path, string recordedSha, long sequence)
        {
            try
            {
                var bytes = await archive.ReadAsync(blob, ct);
                if (Sha256Hex.Of(bytes) != recordedSha) problems.Add($"version {sequence}: snapshots/{blob} does not hash to its recorded SHA-256");
                await bag.AddPayloadAsync(path, bytes, ct, recordedSha);
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
            await CopyAsync(version.TextBlob, EvidenceBundleLayout.Text(n), version.TextSha256, n);

            var input = HashChain.InputOf(version);
            if (input is null) problems.Add($"version {n}: chain format {HashChain.FormatOf(version)} is not one this version of Snapshots knows: its chain.txt holds the first three lines only");
            var chainInput = Encoding.UTF8.GetBytes(input ?? HashChain.Input(version.PreviousChainHash, version.TextSha256, version.CapturedAt));
            if (Sha256Hex.Of(chainInput) != version.ChainHash) problems.Add($"version {n}: the row's chain hash is not the SHA-256 of its chain input");
            await bag.AddPayloadAsync(EvidenceBundleLayout.Chain(n), chainInput, ct, version.ChainHash);

            var raws = new List<EvidenceRawFile>();
            var index = 1;
            foreach (var source in version.RawSources())
            {
                var path = EvidenceBundleLayout.Raw(n, index, source.Blob);
                await CopyAsync(source.Blob, path, source.Sha256, n);
                string? warcPath = null;
                if (source.WarcBlob is { } warc && source.WarcSha256 is { } warcSha)
                {
                    warcPath = EvidenceBundleLayout.Warc(n, index);
                    if (await CopyAsync(warc, warcPath, warcSha, n) is null) warcPath = null;
                }
                raws.Add(new EvidenceRawFile(source.Url, source.FinalUrl, source.MediaType, source.Sha256, path, warcPath is null ? null : source.WarcSha256, warcPath));
                index++;
            }

            EvidenceTimestamp? timestamp = null;
            var tokenBlob = SnapshotArchive.TimestampBlobName(id, version.ChainHash);
            if (stored.Contains(tokenBlob))
            {
                var response = await archive.ReadAsync(tokenBlob, ct);
                var path = EvidenceBundleLayout.Timestamp(n);
                await bag.AddPayloadAsync(path, response, ct, version.TimestampSha256);
                var verdict = validator.Check(response, version.ChainHash, version.CapturedAt);
                foreach (var problem in verdict.Problems) problems.Add($"version {n}: timestamp token: {problem}");
                if (verdict.Valid) tokens++;
                foreach (var certificate in verdict.Certificates) certificates.TryAdd(certificate.Thumbprint, certificate);
                if (verdict.Facts is { } facts) timestamp = new EvidenceTimestamp(path, version.TimestampAuthority, facts.Signer, facts.Serial, facts.GenTime);
            }

            var (longTermFiles, longTermIndex) = LongTermTimestampFiles.Of(version);
            var copied = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var (blob, path, sha) in longTermFiles)
                if (await CopyAsync(blob, path, sha, n) is { } bytes) copied[blob] = bytes;
            if (longTermIndex is not null)
            {
                await bag.AddPayloadAsync(EvidenceBundleLayout.Folder(n) + LongTermTimestampFiles.Folder + LongTermTimestampFiles.Index, Encoding.ASCII.GetBytes(longTermIndex), ct);
                longTerm = true;
            }
            if (LongTermTimestampFiles.OcspIndexOf(version, copied) is { } ocspIndex)
                await bag.AddPayloadAsync(EvidenceBundleLayout.Folder(n) + LongTermTimestampFiles.Folder + LongTermTimestampFiles.OcspIndex, Encoding.ASCII.GetBytes(ocspIndex), ct);

            entries.Add(new EvidenceVersion(n, version.CapturedAt, Citation.SourceOf(document, version), version.TextSha256, version.RawSha256,
                version.PreviousTextSha256, version.PreviousChainHash, version.ChainHash, version.DeclarationSha256, version.Origin,
                EvidenceBundleLayout.Text(n), EvidenceBundleLayout.Chain(n), raws, timestamp, Citation.Line(document, version),
                HashChain.FormatOf(version) == HashChain.FirstFormat ? null : HashChain.FormatOf(version)));
        }

        if (certificates.Count > 0) await bag.AddPayloadAsync(EvidenceBundleLayout.AuthorityCertificates, Pem(certificates.Values), ct);
        var withAnchors = tokens > 0 && !anchors.UsesSystemRoots;
        if (withAnchors) await bag.AddPayloadAsync(EvidenceBundleLayout.TrustAnchors, Pem(anchors.Certificates.Cast<X509Certificate2>()), ct);

        await bag.AddPayloadAsync(EvidenceBundleLayout.Declaration, Encoding.UTF8.GetBytes(document.DeclarationJson), ct);
        await bag.AddPayloadAsync(EvidenceBundleLayout.Citations, Encoding.UTF8.GetBytes(string.Join("\n", entries.Select(e => e.Citation)) + "\n"), ct);
        var steps = new List<(string Title, string Body)>();
        foreach (var contributor in contributors) await contributor.ContributeAsync(new BundleContribution(id, versions, bag, steps), ct);

        var exportedAt = clock.GetUtcNow();
        var manifest = new EvidenceManifest(EvidenceManifest.CurrentFormat, id.ToString(), document.PlatformName, document.TermsType, exportedAt,
            first, last, ChainFormula,
            versions[0].PreviousChainHash, new EvidenceDeclaration(EvidenceBundleLayout.Declaration, document.DeclarationSha256),
            withAnchors ? EvidenceBundleLayout.TrustAnchors : anchors.Describe(), entries);
        await bag.AddPayloadAsync(EvidenceBundleLayout.Manifest, JsonSerializer.SerializeToUtf8Bytes(manifest, EvidenceManifest.Json), ct);

        var reach = EvidenceVerdict.Of(0, versions.Count, tokens);
        await bag.AddTagAsync(EvidenceBundleLayout.Instructions, Encoding.UTF8.GetBytes(VerifyInstructions.Render(manifest, tokens > 0, withAnchors, reach)
            + LongTermTimestampFiles.Instructions(longTerm, options.Value.TimestampTolerance) + VerifyInstructions.Steps(longTerm ? 5 : 4, steps)), ct);
        await bag.AddTagAsync(EvidenceBundleLayout.Certificate, Encoding.UTF8.GetBytes(AuthenticityCertificate.Render(manifest, reach)), ct);
        await bag.FinishAsync([
            ("Source-Organization", "Snapshots (legal document archive)"),
            ("External-Identifier", id.ToString()),
            ("External-Description", $"{document.PlatformName}, {document.TermsType}: versions {first} to {last}, with their WARC captures, chain inputs and timestamp tokens"),
            ("Bag-Software-Agent", "Snapshots export"),
            ("Snapshots-Evidence-Reach", reach.Headline),
        ], exportedAt, ct);
        return new ExportSummary(id, first, last, versions.Count, tokens, bag.Files + 1, problems);
    }

    /// <summary>The document, its versions from <paramref name="from"/> to <paramref name="to"/> (default: all), and that range; refused when it is not one.</summary>
    internal async Task<(DocumentRecord Document, IReadOnlyList<VersionRecord> Versions, long First, long Last)> RangeAsync(DocumentId id, long? from, long? to, CancellationToken ct)
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
        return (document, versions, first, last);
    }

    private const string ChainFormula = "chain(n) = SHA-256(chain.txt of version n); chain.txt = chain(n-1) + \"\\n\" + textSha256(n) + \"\\n\" + capturedAt(n) as yyyy-MM-ddTHH:mm:ss.fffZ"
        + " [chainFormat 2 or 3: + \"\\n\" + \"snapshots-chain/2 \" or \"snapshots-chain/3 \" + one line of JSON with the version's other evidence fields, from format 3 each source's WARC SHA-256 too], no final newline; chain(0) = 64 zeros";

    private static byte[] Pem(IEnumerable<X509Certificate2> certificates) =>
        Encoding.ASCII.GetBytes(string.Concat(certificates.Select(c => c.ExportCertificatePem() + "\n")));
}
