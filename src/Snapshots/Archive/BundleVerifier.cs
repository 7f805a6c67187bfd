using Snapshots.Text;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Snapshots.Archive;

public sealed record BundleReport(string Document, int Versions, int Tokens, int Files, IReadOnlyList<string> Problems)
{
    public bool Passed => Problems.Count == 0;

    /// <summary>Timestamp tokens that verified (imprint, signature, chain to the trust anchors configured where this runs, time).</summary>
    public int TokensVerified { get; init; }

    /// <summary>What the bundle proves given what it holds and what the check found (<see cref="EvidenceVerdict"/>).</summary>
    public EvidenceVerdict Verdict => EvidenceVerdict.Of(Problems.Count, Versions, TokensVerified);
}

/// <summary>A bundle that is not read at all: its zip entries break a bound (<see cref="BundleEntries"/>); the message names the entry.</summary>
public sealed class BundleRefusedException(string message) : Exception(message);

/// <summary>
/// Checks an evidence bundle written by <see cref="EvidenceExporter"/> the way its VERIFY.md does, without the archive. A bag
/// (<c>bagit.txt</c> present): every payload file against <c>manifest-sha256.txt</c>, every tag file against
/// <c>tagmanifest-sha256.txt</c>, no file unlisted; a bundle written before the bag: every file against <c>SHA256SUMS</c>. Then
/// every version's chain input (with, from chain format 2, the evidence line the manifest's fields must match, WARC digests
/// included from format 3), text, raw and WARC hashes and link to the previous one, and every timestamp token (imprint,
/// signature, chain to the trust anchors configured where this runs, never those shipped in the bundle, time): the first
/// authority's <c>timestamp.tsr</c> and every token of the long-term folder with its validation data (<see cref="BundleTokenCheck"/>). The zip's
/// entries are checked before anything is read (<see cref="BundleEntries"/>) and read as streams: only the small files the
/// checks need are kept. The report's <see cref="BundleReport.Verdict"/> says what the bundle proves: integrity only when it
/// holds no verified token. A bag's contributed files (provision texts) are then checked by each <see cref="IBundleCheck"/>.
/// </summary>
public sealed class BundleVerifier(TimestampValidator validator, Microsoft.Extensions.Options.IOptions<EvidenceOptions> options, IEnumerable<IBundleCheck> checks)
{
    public BundleReport Verify(Stream bundle)
    {
        var problems = new List<string>();
        using var zip = new ZipArchive(bundle, ZipArchiveMode.Read, leaveOpen: true);
        var files = BundleEntries.Read(zip);
        var isBag = files.ContainsKey(EvidenceBundleLayout.BagDeclaration);
        var manifestPath = isBag ? EvidenceBundleLayout.Manifest : EvidenceBundleLayout.FlatManifest;

        if (isBag) CheckBag(files, problems);
        else if (!files.TryGetValue(EvidenceBundleLayout.FlatChecksums, out var sums) || sums.Bytes is null) problems.Add($"{EvidenceBundleLayout.FlatChecksums} is missing");
        else CheckSums(EvidenceBundleLayout.FlatChecksums, Encoding.UTF8.GetString(sums.Bytes), files, problems, _ => true);

        if (!files.TryGetValue(manifestPath, out var manifestFile) || manifestFile.Bytes is null)
        {
            problems.Add($"{manifestPath} is missing");
            return new BundleReport("(unknown)", 0, 0, files.Count, problems);
        }
        EvidenceManifest manifest;
        try { manifest = JsonSerializer.Deserialize<EvidenceManifest>(manifestFile.Bytes, EvidenceManifest.Json) ?? throw new JsonException("empty"); }
        catch (JsonException e)
        {
            problems.Add($"{manifestPath} is not a bundle manifest: {e.Message}");
            return new BundleReport("(unknown)", 0, 0, files.Count, problems);
        }
        if (manifest.Versions is null)
        {
            problems.Add($"{manifestPath} lists no versions");
            return new BundleReport(manifest.Document ?? "(unknown)", 0, 0, files.Count, problems);
        }

        var previous = manifest.PreviousChainHash;
        var format = 0;
        var tokens = 0;
        var verified = 0;
        foreach (var version in manifest.Versions)
        {
            void Problem(string what) => problems.Add($"version {version.Sequence}: {what}");
            if (version.PreviousChainHash != previous) Problem($"previous chain hash {version.PreviousChainHash} is not the preceding chain hash {previous}");
            var versionFormat = version.ChainFormat ?? HashChain.FirstFormat;
            if (versionFormat < format) Problem($"chain format {versionFormat} after format {format}: a downgrade");
            format = versionFormat;
            var head = HashChain.Input(version.PreviousChainHash, version.TextSha256, version.CapturedAt);
            if (!files.TryGetValue(version.ChainFile ?? "", out var chainFile) || chainFile.Bytes is null) Problem($"{version.ChainFile} is missing");
            else
            {
                var chain = Encoding.UTF8.GetString(chainFile.Bytes);
                if (Sha256Hex.Of(chainFile.Bytes) != version.ChainHash) Problem($"chain hash {version.ChainHash} is not the SHA-256 of {version.ChainFile}");
                if (versionFormat == HashChain.FirstFormat && chain != head) Problem($"{version.ChainFile} is not the chain input of the manifest's hashes and capture time");
                else if (versionFormat is 2 or 3) EvidenceProblems(version, versionFormat, head, chain, Problem);
                else if (versionFormat > HashChain.CurrentFormat) Problem($"chain format {versionFormat} is not one this version of Snapshots knows");
            }
            if (!files.TryGetValue(version.TextFile ?? "", out var text)) Problem($"{version.TextFile} is missing");
            else if (text.Sha256 != version.TextSha256) Problem($"{version.TextFile} does not hash to the recorded SHA-256 {version.TextSha256}");
            foreach (var raw in version.Raw ?? [])
            {
                if (!files.TryGetValue(raw.File ?? "", out var bytes)) Problem($"{raw.File} is missing");
                else if (bytes.Sha256 != raw.Sha256) Problem($"{raw.File} does not hash to the recorded SHA-256 {raw.Sha256}");
                if (raw.WarcFile is null) continue;
                if (!files.TryGetValue(raw.WarcFile, out var warc)) Problem($"{raw.WarcFile} is missing");
                else if (warc.Sha256 != raw.WarcSha256) Problem($"{raw.WarcFile} does not hash to the recorded SHA-256 {raw.WarcSha256}");
            }
            if (version.Timestamp is { } timestamp)
            {
                tokens++;
                if (!files.TryGetValue(timestamp.File ?? "", out var response) || response.Bytes is null) Problem($"{timestamp.File} is missing");
                else
                {
                    var check = validator.Check(response.Bytes, version.ChainHash, version.CapturedAt);
                    foreach (var p in check.Problems) Problem($"{timestamp.File}: {p}");
                    if (check.Valid) verified++;
                }
            }
            if (version.ChainFile is { } chainPath && files.TryGetValue(chainPath, out var chainInput))
                BundleTokenCheck.Check(files, chainPath[..(chainPath.LastIndexOf('/') + 1)], chainInput.Sha256, version.CapturedAt, validator, options.Value.TimestampTolerance, Problem);
            previous = version.ChainHash;
        }
        if (isBag) foreach (var check in checks) check.Check(new BundleContents(zip, files), problems.Add);
        return new BundleReport(manifest.Document ?? "(unknown)", manifest.Versions.Count, tokens, files.Count, problems) { TokensVerified = verified };
    }

    /// <summary>The bag's declaration, its payload manifest over <c>data/</c> and its tag manifest over the other files.</summary>
    private static void CheckBag(IReadOnlyDictionary<string, BundleFile> files, List<string> problems)
    {
        var declaration = files[EvidenceBundleLayout.BagDeclaration];
        if (declaration.Bytes is null || !Encoding.UTF8.GetString(declaration.Bytes).StartsWith("BagIt-Version: 1.0\n", StringComparison.Ordinal))
            problems.Add($"{EvidenceBundleLayout.BagDeclaration} does not declare BagIt-Version 1.0");
        foreach (var (name, payload) in new[] { (EvidenceBundleLayout.BagManifest, true), (EvidenceBundleLayout.TagManifest, false) })
        {
            if (!files.TryGetValue(name, out var list) || list.Bytes is null) { problems.Add($"{name} is missing"); continue; }
            CheckSums(name, Encoding.UTF8.GetString(list.Bytes), files, problems,
                path => path.StartsWith(EvidenceBundleLayout.Payload, StringComparison.Ordinal) == payload && path != EvidenceBundleLayout.TagManifest);
        }
    }

    /// <summary>A format-2 chain input: its first three lines are the manifest's, its evidence line is canonical and says what the manifest says.</summary>
    private static void EvidenceProblems(EvidenceVersion version, int format, string head, string chain, Action<string> problem)
    {
        var file = version.ChainFile;
        if (!chain.StartsWith(head + "\n", StringComparison.Ordinal)) { problem($"{file} does not start with the manifest's previous chain hash, text hash and capture time"); return; }
        if (ChainEvidence.Parse(chain, format) is not { } evidence || evidence.Line(format) != chain[(head.Length + 1)..]) { problem($"{file}'s evidence line is not a canonical {ChainEvidence.MarkerOf(format).Trim()} line"); return; }
        void Differs(string field, object? manifest, object? chained)
        {
            if (!Equals(manifest, chained)) problem($"the manifest's {field} '{manifest}' is not the one on the chain in {file}: '{chained}'");
        }
        Differs("sequence", version.Sequence, evidence.Sequence);
        Differs("previousTextSha256", version.PreviousTextSha256, evidence.PreviousTextSha256);
        Differs("rawSha256", version.RawSha256, evidence.RawSha256);
        Differs("declarationFingerprint", version.DeclarationFingerprint, evidence.DeclarationSha256);
        Differs("origin", version.Origin, evidence.Origin);
        var raws = version.Raw ?? [];
        Differs("number of raw sources", raws.Count, evidence.Sources.Count);
        for (var i = 0; i < Math.Min(raws.Count, evidence.Sources.Count); i++)
        {
            Differs($"raw source {i + 1} url", raws[i].Url, evidence.Sources[i].Url);
            Differs($"raw source {i + 1} finalUrl", raws[i].FinalUrl, evidence.Sources[i].FinalUrl);
            Differs($"raw source {i + 1} mediaType", raws[i].MediaType, evidence.Sources[i].MediaType);
            Differs($"raw source {i + 1} sha256", raws[i].Sha256, evidence.Sources[i].Sha256);
            if (raws[i].WarcFile is not null || evidence.Sources[i].WarcSha256 is not null)
                Differs($"raw source {i + 1} warcSha256", raws[i].WarcSha256, evidence.Sources[i].WarcSha256);
        }
    }

    /// <summary>A sha256sum-format list: every line's file present with that hash, and every file <paramref name="covers"/> selects listed.</summary>
    private static void CheckSums(string listName, string sums, IReadOnlyDictionary<string, BundleFile> files, List<string> problems, Func<string, bool> covers)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal) { listName };
        foreach (var line in sums.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split("  ", 2);
            if (parts.Length != 2) { problems.Add($"{listName}: '{line}' is not a sha256sum line"); continue; }
            var (sha, path) = (parts[0], parts[1]);
            listed.Add(path);
            if (!files.TryGetValue(path, out var file)) problems.Add($"{path} is listed in {listName} but missing");
            else if (file.Sha256 != sha) problems.Add($"{path} does not hash to {sha} ({listName})");
        }
        foreach (var extra in files.Keys.Where(f => covers(f) && !listed.Contains(f)).Order(StringComparer.Ordinal))
            problems.Add($"{extra} is not listed in {listName}");
    }
}
