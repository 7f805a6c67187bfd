using System.IO.Compression;
using System.Text;
using Snapshots.Text;

namespace Snapshots.Archive;

/// <summary>
/// Writes a BagIt bag (RFC 8493, BagIt-Version 1.0) into a zip at its root: payload files under <c>data/</c>, each listed in
/// <c>manifest-sha256.txt</c> with the SHA-256 the archive recorded for it where it has one (so a file altered in storage fails
/// <c>sha256sum -c</c> in the bundle too), then the tag files, each listed in <c>tagmanifest-sha256.txt</c>. Lines are
/// <c>sha256sum</c>'s own format (hash, two spaces, path), which BagIt accepts.
/// </summary>
internal sealed class BagWriter(ZipArchive zip)
{
    private readonly List<(string Sha256, string Path)> _payload = [];
    private readonly List<(string Sha256, string Path)> _tags = [];
    private readonly HashSet<string> _paths = new(StringComparer.Ordinal);

    public int Files => _payload.Count + _tags.Count;

    /// <summary>Adds a payload file (its path starts with <c>data/</c>); <paramref name="recordedSha256"/> is listed instead of the bytes' own hash when given.</summary>
    public async Task AddPayloadAsync(string path, byte[] bytes, CancellationToken ct, string? recordedSha256 = null)
    {
        if (!path.StartsWith(EvidenceBundleLayout.Payload, StringComparison.Ordinal)) throw new ArgumentException($"payload path {path} is not under {EvidenceBundleLayout.Payload}", nameof(path));
        await WriteAsync(path, bytes, ct);
        _payload.Add((recordedSha256 ?? Sha256Hex.Of(bytes), path));
    }

    public async Task AddTagAsync(string path, byte[] bytes, CancellationToken ct)
    {
        await WriteAsync(path, bytes, ct);
        _tags.Add((Sha256Hex.Of(bytes), path));
    }

    /// <summary>Writes bagit.txt, bag-info.txt (its fields, then Payload-Oxum and Bagging-Date), the payload manifest and the tag manifest.</summary>
    public async Task FinishAsync(IEnumerable<(string Name, string Value)> info, DateTimeOffset baggedAt, CancellationToken ct)
    {
        await AddTagAsync(EvidenceBundleLayout.BagDeclaration, Encoding.UTF8.GetBytes("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"), ct);
        IEnumerable<(string Name, string Value)> fields = info.Append(("Bagging-Date", baggedAt.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))
            .Append(("Payload-Oxum", $"{_payloadBytes}.{_payload.Count}"));
        await AddTagAsync(EvidenceBundleLayout.BagInfo, Encoding.UTF8.GetBytes(string.Concat(fields.Select(f => $"{f.Name}: {OneLine(f.Value)}\n"))), ct);
        await AddTagAsync(EvidenceBundleLayout.BagManifest, Lines(_payload), ct);
        await WriteAsync(EvidenceBundleLayout.TagManifest, Lines(_tags), ct);
    }

    private long _payloadBytes;

    private async Task WriteAsync(string path, byte[] bytes, CancellationToken ct)
    {
        if (!_paths.Add(path)) throw new InvalidOperationException($"{path} is written twice into the bag");
        if (path.StartsWith(EvidenceBundleLayout.Payload, StringComparison.Ordinal)) _payloadBytes += bytes.Length;
        // Already-compressed captures are stored, not compressed again.
        var level = path.EndsWith(".gz", StringComparison.Ordinal) || path.EndsWith(".png", StringComparison.Ordinal) ? CompressionLevel.NoCompression : CompressionLevel.Optimal;
        var entry = zip.CreateEntry(path, level);
        await using var stream = entry.Open();
        await stream.WriteAsync(bytes, ct);
    }

    private static byte[] Lines(IEnumerable<(string Sha256, string Path)> files) =>
        Encoding.UTF8.GetBytes(string.Concat(files.Select(f => $"{f.Sha256}  {f.Path}\n")));

    private static string OneLine(string value) => value.Replace('\n', ' ').Replace('\r', ' ');
}
