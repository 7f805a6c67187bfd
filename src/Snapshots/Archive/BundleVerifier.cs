using Snapshots.Text;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Snapshots.Archive;

public sealed record BundleReport(string Document, int Versions, int Tokens, int Files, IReadOnlyList<string> Problems)
{
    public bool Passed => Problems.Count == 0;
}

/// <summary>
/// Checks an evidence bundle written by <see cref="EvidenceExporter"/> the way its VERIFY.md does, without the archive:
/// every file against SHA256SUMS, every version's chain input, text hash and link to the previous one, and every
/// timestamp token (imprint, signature, chain to the configured trust anchors, time).
/// </summary>
public sealed class BundleVerifier(TimestampValidator validator)
{
    public BundleReport Verify(Stream bundle)
    {
        var problems = new List<string>();
        using var zip = new ZipArchive(bundle, ZipArchiveMode.Read, leaveOpen: true);
        var files = zip.Entries.Where(e => !e.FullName.EndsWith('/')).ToDictionary(e => e.FullName, Read, StringComparer.Ordinal);

        if (!files.TryGetValue(EvidenceBundleLayout.Checksums, out var sums)) problems.Add($"{EvidenceBundleLayout.Checksums} is missing");
        else CheckSums(Encoding.UTF8.GetString(sums), files, problems);

        if (!files.TryGetValue(EvidenceBundleLayout.Manifest, out var manifestBytes))
        {
            problems.Add($"{EvidenceBundleLayout.Manifest} is missing");
            return new BundleReport("(unknown)", 0, 0, files.Count, problems);
        }
        EvidenceManifest manifest;
        try { manifest = JsonSerializer.Deserialize<EvidenceManifest>(manifestBytes, EvidenceManifest.Json) ?? throw new JsonException("empty"); }
        catch (JsonException e)
        {
            problems.Add($"{EvidenceBundleLayout.Manifest} is not a bundle manifest: {e.Message}");
            return new BundleReport("(unknown)", 0, 0, files.Count, problems);
        }

        var previous = manifest.PreviousChainHash;
        var tokens = 0;
        foreach (var version in manifest.Versions)
        {
            void Problem(string what) => problems.Add($"version {version.Sequence}: {what}");
            if (version.PreviousChainHash != previous) Problem($"previous chain hash {version.PreviousChainHash} is not the preceding chain hash {previous}");
            var chainInput = EvidenceBundleLayout.ChainInput(version.PreviousChainHash, version.TextSha256, version.CapturedAt);
            if (!files.TryGetValue(version.ChainFile, out var chain)) Problem($"{version.ChainFile} is missing");
            else if (Encoding.UTF8.GetString(chain) != chainInput) Problem($"{version.ChainFile} is not the chain input of the manifest's hashes and capture time");
            if (Sha256Hex.Of(chainInput) != version.ChainHash) Problem($"chain hash {version.ChainHash} is not the SHA-256 of its chain input");
            if (!files.TryGetValue(version.TextFile, out var text)) Problem($"{version.TextFile} is missing");
            else if (Sha256Hex.Of(text) != version.TextSha256) Problem($"{version.TextFile} does not hash to the recorded SHA-256 {version.TextSha256}");
            foreach (var raw in version.Raw)
            {
                if (!files.TryGetValue(raw.File, out var bytes)) Problem($"{raw.File} is missing");
                else if (Sha256Hex.Of(bytes) != raw.Sha256) Problem($"{raw.File} does not hash to the recorded SHA-256 {raw.Sha256}");
            }
            if (version.Timestamp is { } timestamp)
            {
                tokens++;
                if (!files.TryGetValue(timestamp.File, out var response)) Problem($"{timestamp.File} is missing");
                else foreach (var p in validator.Check(response, version.ChainHash, version.CapturedAt).Problems) Problem($"{timestamp.File}: {p}");
            }
            previous = version.ChainHash;
        }
        return new BundleReport(manifest.Document, manifest.Versions.Count, tokens, files.Count, problems);
    }

    private static void CheckSums(string sums, IReadOnlyDictionary<string, byte[]> files, List<string> problems)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal) { EvidenceBundleLayout.Checksums };
        foreach (var line in sums.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split("  ", 2);
            if (parts.Length != 2) { problems.Add($"{EvidenceBundleLayout.Checksums}: '{line}' is not a sha256sum line"); continue; }
            var (sha, path) = (parts[0], parts[1]);
            listed.Add(path);
            if (!files.TryGetValue(path, out var bytes)) problems.Add($"{path} is listed in {EvidenceBundleLayout.Checksums} but missing");
            else if (Sha256Hex.Of(bytes) != sha) problems.Add($"{path} does not hash to {sha} ({EvidenceBundleLayout.Checksums})");
        }
        foreach (var extra in files.Keys.Where(f => !listed.Contains(f)).Order(StringComparer.Ordinal))
            problems.Add($"{extra} is not listed in {EvidenceBundleLayout.Checksums}");
    }

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
