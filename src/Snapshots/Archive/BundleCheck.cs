using System.IO.Compression;

namespace Snapshots.Archive;

/// <summary>
/// A check of an evidence bag's files that a capability above the archive added (<see cref="IBundleContributor"/>), run by
/// <see cref="BundleVerifier"/> after its own: registered in DI as <see cref="IBundleCheck"/>. Each problem names the file and
/// what does not match; a check never throws for what a bag holds.
/// </summary>
public interface IBundleCheck
{
    void Check(BundleContents bag, Action<string> problem);
}

/// <summary>
/// What a <see cref="IBundleCheck"/> sees of a bag: every file's path, size and SHA-256 (already read within the bounds of
/// <see cref="BundleEntries"/>), and a file's bytes on request, read again from the zip, never more than a stated bound.
/// </summary>
public sealed class BundleContents
{
    private readonly ZipArchive _zip;
    private readonly IReadOnlyDictionary<string, BundleFile> _files;

    internal BundleContents(ZipArchive zip, IReadOnlyDictionary<string, BundleFile> files)
    {
        _zip = zip;
        _files = files;
    }

    public IEnumerable<string> Paths => _files.Keys;

    public bool Has(string path) => _files.ContainsKey(path);

    /// <summary>The SHA-256 of the file (lower-case hex); null when the bag has no such file.</summary>
    public string? Sha256Of(string path) => _files.TryGetValue(path, out var file) ? file.Sha256 : null;

    /// <summary>The file's size as its zip entry states it; null when the bag has no such file.</summary>
    public long? LengthOf(string path) => _files.ContainsKey(path) ? _zip.GetEntry(path)?.Length : null;

    /// <summary>The file's bytes; null when the bag has no such file or it is larger than <paramref name="maxBytes"/> (see <see cref="LengthOf"/>).</summary>
    public byte[]? Read(string path, long maxBytes)
    {
        if (!_files.TryGetValue(path, out var file)) return null;
        if (file.Bytes is not null) return file.Bytes.LongLength <= maxBytes ? file.Bytes : null;
        if (_zip.GetEntry(path) is not { } entry || entry.Length > maxBytes) return null;
        return BundleEntries.ReadBytes(entry);
    }
}
