using System.IO.Compression;
using System.Security.Cryptography;

namespace Snapshots.Archive;

/// <summary>
/// Writes the files of a WACZ (spec 1.1.1) into a zip: <c>archive/data.warc.gz</c> appended blob by blob as the bytes stored
/// (one gzip member per record, never re-encoded) and <c>indexes/index.cdxj</c>, both stored uncompressed (ZIP_STORED) so
/// a replay tool can read a record with one range request at its offset; <c>pages/pages.jsonl</c>; then
/// <c>datapackage.json</c> listing each of them with its SHA-256 and size, and <c>datapackage-digest.json</c>.
/// </summary>
internal sealed class WaczWriter(Stream output) : IDisposable
{
    public const string WarcName = "data.warc.gz";
    public const string WarcPath = "archive/" + WarcName;
    public const string IndexPath = "indexes/index.cdxj";
    public const string PagesPath = "pages/pages.jsonl";

    private readonly ZipArchive _zip = new(output, ZipArchiveMode.Create, leaveOpen: true);
    private readonly List<WaczResource> _resources = [];
    private Stream? _warc;
    private IncrementalHash? _warcHash;

    /// <summary>Bytes of data.warc.gz written so far: the offset of the next blob.</summary>
    public long WarcLength { get; private set; }

    public async Task AppendWarcAsync(byte[] blob, CancellationToken ct)
    {
        if (_warc is null)
        {
            if (_warcHash is not null) throw new InvalidOperationException($"{WarcPath} was closed; a WACZ has one WARC");
            _warc = _zip.CreateEntry(WarcPath, CompressionLevel.NoCompression).Open();
            _warcHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        }
        await _warc.WriteAsync(blob, ct);
        _warcHash!.AppendData(blob);
        WarcLength += blob.Length;
    }

    public async Task AddAsync(string path, byte[] bytes, bool stored, CancellationToken ct)
    {
        await CloseWarcAsync(ct);
        await WriteAsync(path, bytes, stored, ct);
        _resources.Add(new WaczResource(Path.GetFileName(path), path, WarcWriter.Digest(bytes), bytes.Length));
    }

    /// <summary>Writes datapackage.json (made from the files written, in order) and datapackage-digest.json.</summary>
    public async Task FinishAsync(Func<IReadOnlyList<WaczResource>, WaczDataPackage> package, CancellationToken ct)
    {
        await CloseWarcAsync(ct);
        var json = package([.. _resources]).ToJson();
        await WriteAsync(WaczDataPackage.FileName, json, stored: false, ct);
        await WriteAsync(WaczDataPackage.DigestFileName, WaczDataPackage.DigestOf(json), stored: false, ct);
    }

    private async Task CloseWarcAsync(CancellationToken ct)
    {
        if (_warcHash is null) await AppendWarcAsync([], ct);
        if (_warc is null) return;
        await _warc.DisposeAsync();
        _warc = null;
        _resources.Insert(0, new WaczResource(WarcName, WarcPath, "sha256:" + Convert.ToHexStringLower(_warcHash!.GetHashAndReset()), WarcLength));
    }

    private async Task WriteAsync(string path, byte[] bytes, bool stored, CancellationToken ct)
    {
        var entry = _zip.CreateEntry(path, stored ? CompressionLevel.NoCompression : CompressionLevel.Optimal);
        await using var stream = entry.Open();
        await stream.WriteAsync(bytes, ct);
    }

    public void Dispose()
    {
        _warc?.Dispose();
        _warcHash?.Dispose();
        _zip.Dispose();
    }
}
