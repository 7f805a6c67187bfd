using Snapshots.Text;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Snapshots.Archive;

public sealed record BundleReport(string Document, int Versions, int Tokens, int Files, IReadOnlyList<string> Problems)
{
    public bool Passed => Problems.Count == 0;
}

/// <summary>A bundle that is not read at all: its zip entries break a bound (<see cref="BundleEntries"/>); the message names the entry.</summary>
public sealed class BundleRefusedException(string message) : Exception(message);

/// <summary>
/// Checks an evidence bundle written by <see cref="EvidenceExporter"/> the way its VERIFY.md does, without the archive:
/// every file against SHA256SUMS, every version's chain input (with, from chain format 2, the evidence line the manifest's
/// fields must match), text hash and link to the previous one, and every timestamp token (imprint, signature, chain to the
/// trust anchors configured where this runs, never those shipped in the bundle, time). The zip's entries are checked
/// before anything is read (<see cref="BundleEntries"/>) and read as streams: only the small files the checks need are kept.
/// </summary>
public sealed class BundleVerifier(TimestampValidator validator)
{
    public BundleReport Verify(Stream bundle)
    {
        var problems = new List<string>();
        using var zip = new ZipArchive(bundle, ZipArchiveMode.Read, leaveOpen: true);
        var files = BundleEntries.Read(zip);

        if (!files.TryGetValue(EvidenceBundleLayout.Checksums, out var sums) || sums.Bytes is null) problems.Add($"{EvidenceBundleLayout.Checksums} is missing");
        else CheckSums(Encoding.UTF8.GetString(sums.Bytes), files, problems);

        if (!files.TryGetValue(EvidenceBundleLayout.Manifest, out var manifestFile) || manifestFile.Bytes is null)
        {
            problems.Add($"{EvidenceBundleLayout.Manifest} is missing");
            return new BundleReport("(unknown)", 0, 0, files.Count, problems);
        }
        EvidenceManifest manifest;
        try { manifest = JsonSerializer.Deserialize<EvidenceManifest>(manifestFile.Bytes, EvidenceManifest.Json) ?? throw new JsonException("empty"); }
        catch (JsonException e)
        {
            problems.Add($"{EvidenceBundleLayout.Manifest} is not a bundle manifest: {e.Message}");
            return new BundleReport("(unknown)", 0, 0, files.Count, problems);
        }
        if (manifest.Versions is null)
        {
            problems.Add($"{EvidenceBundleLayout.Manifest} lists no versions");
            return new BundleReport(manifest.Document ?? "(unknown)", 0, 0, files.Count, problems);
        }

        var previous = manifest.PreviousChainHash;
        var format = 0;
        var tokens = 0;
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
                else if (versionFormat == 2) EvidenceProblems(version, head, chain, Problem);
                else if (versionFormat > 2) Problem($"chain format {versionFormat} is not one this version of Snapshots knows");
            }
            if (!files.TryGetValue(version.TextFile ?? "", out var text)) Problem($"{version.TextFile} is missing");
            else if (text.Sha256 != version.TextSha256) Problem($"{version.TextFile} does not hash to the recorded SHA-256 {version.TextSha256}");
            foreach (var raw in version.Raw ?? [])
            {
                if (!files.TryGetValue(raw.File ?? "", out var bytes)) Problem($"{raw.File} is missing");
                else if (bytes.Sha256 != raw.Sha256) Problem($"{raw.File} does not hash to the recorded SHA-256 {raw.Sha256}");
            }
            if (version.Timestamp is { } timestamp)
            {
                tokens++;
                if (!files.TryGetValue(timestamp.File ?? "", out var response) || response.Bytes is null) Problem($"{timestamp.File} is missing");
                else foreach (var p in validator.Check(response.Bytes, version.ChainHash, version.CapturedAt).Problems) Problem($"{timestamp.File}: {p}");
            }
            previous = version.ChainHash;
        }
        return new BundleReport(manifest.Document ?? "(unknown)", manifest.Versions.Count, tokens, files.Count, problems);
    }

    /// <summary>A format-2 chain input: its first three lines are the manifest's, its evidence line is canonical and says what the manifest says.</summary>
    private static void EvidenceProblems(EvidenceVersion version, string head, string chain, Action<string> problem)
    {
        var file = version.ChainFile;
        if (!chain.StartsWith(head + "\n", StringComparison.Ordinal)) { problem($"{file} does not start with the manifest's previous chain hash, text hash and capture time"); return; }
        if (ChainEvidence.Parse(chain) is not { } evidence || evidence.Line() != chain[(head.Length + 1)..]) { problem($"{file}'s evidence line is not a canonical {ChainEvidence.Marker.Trim()} line"); return; }
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
        }
    }

    private static void CheckSums(string sums, IReadOnlyDictionary<string, BundleFile> files, List<string> problems)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal) { EvidenceBundleLayout.Checksums };
        foreach (var line in sums.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split("  ", 2);
            if (parts.Length != 2) { problems.Add($"{EvidenceBundleLayout.Checksums}: '{line}' is not a sha256sum line"); continue; }
            var (sha, path) = (parts[0], parts[1]);
            listed.Add(path);
            if (!files.TryGetValue(path, out var file)) problems.Add($"{path} is listed in {EvidenceBundleLayout.Checksums} but missing");
            else if (file.Sha256 != sha) problems.Add($"{path} does not hash to {sha} ({EvidenceBundleLayout.Checksums})");
        }
        foreach (var extra in files.Keys.Where(f => !listed.Contains(f)).Order(StringComparer.Ordinal))
            problems.Add($"{extra} is not listed in {EvidenceBundleLayout.Checksums}");
    }
}
