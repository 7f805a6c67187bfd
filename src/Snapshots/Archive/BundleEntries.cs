using System.IO.Compression;
using System.Security.Cryptography;

namespace Snapshots.Archive;

/// <summary>One file of a bundle as read: its SHA-256, and its bytes when a check needs them (else null).</summary>
internal sealed record BundleFile(string Sha256, byte[]? Bytes);

/// <summary>
/// Reads a bundle's zip entries within bounds, checked from the central directory before any entry is opened: at most
/// <see cref="MaxEntries"/> entries, each name once, no name that leaves the bundle's folder, each entry at most
/// <see cref="MaxEntryBytes"/> uncompressed and at most <see cref="MaxRatio"/> times its compressed size (past 1 MiB), all
/// together at most <see cref="MaxTotalBytes"/>. Entries are then hashed as streams, never past the size their header states;
/// only the manifest, the checksum lists, bagit.txt, chain inputs, tokens and their validation data are kept in memory. A breach is a <see cref="BundleRefusedException"/>
/// naming the entry.
/// </summary>
internal static class BundleEntries
{
    public const int MaxEntries = 200_000;
    public const long MaxEntryBytes = 256L << 20;
    public const long MaxTotalBytes = 4L << 30;
    public const long MaxRatio = 1_000;
    private const long RatioCheckedFrom = 1L << 20;
    /// <summary>The largest file kept in memory for the checks (a manifest of many versions); others are only hashed.</summary>
    private const long MaxKeptBytes = 64L << 20;

    public static Dictionary<string, BundleFile> Read(ZipArchive zip)
    {
        var entries = zip.Entries;
        if (entries.Count > MaxEntries) throw new BundleRefusedException($"the zip has {entries.Count} entries, more than the {MaxEntries} a bundle may have");
        var names = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        foreach (var entry in entries)
        {
            var name = entry.FullName;
            if (!names.Add(name)) throw new BundleRefusedException($"entry '{name}' appears more than once in the zip (which copy would a reader see?)");
            if (name.StartsWith('/') || name.Contains('\\') || name.Split('/').Any(part => part == ".."))
                throw new BundleRefusedException($"entry '{name}' names a path outside the bundle's folder");
            if (entry.Length > MaxEntryBytes)
                throw new BundleRefusedException($"entry '{name}' is {entry.Length:N0} bytes uncompressed, more than the {MaxEntryBytes:N0} a bundle file may be");
            if (entry.Length > RatioCheckedFrom && entry.Length > entry.CompressedLength * MaxRatio)
                throw new BundleRefusedException($"entry '{name}' expands {entry.CompressedLength:N0} bytes to {entry.Length:N0}, more than {MaxRatio} times (a zip bomb?)");
            total += entry.Length;
            if (total > MaxTotalBytes) throw new BundleRefusedException($"the entries up to '{name}' add up to more than the {MaxTotalBytes:N0} bytes a bundle may hold");
        }

        var files = new Dictionary<string, BundleFile>(StringComparer.Ordinal);
        foreach (var entry in entries.Where(e => !e.FullName.EndsWith('/')))
            files[entry.FullName] = ReadEntry(entry, Kept(entry.FullName) && entry.Length <= MaxKeptBytes);
        return files;
    }

    private static bool Kept(string name) => name is EvidenceBundleLayout.Manifest or EvidenceBundleLayout.FlatManifest or EvidenceBundleLayout.FlatChecksums
        or EvidenceBundleLayout.BagDeclaration or EvidenceBundleLayout.BagManifest or EvidenceBundleLayout.TagManifest
        || name.EndsWith("/chain.txt", StringComparison.Ordinal) || name.EndsWith(".tsr", StringComparison.Ordinal)
        || name.Contains("/" + LongTermTimestampFiles.Folder, StringComparison.Ordinal);

    /// <summary>The bytes of an entry already read by <see cref="Read"/> (so within its bounds), read again from the zip.</summary>
    public static byte[] ReadBytes(ZipArchiveEntry entry) => ReadEntry(entry, keep: true).Bytes!;

    /// <summary>Hashes the entry as it streams, refusing it when it holds more than its header says.</summary>
    private static BundleFile ReadEntry(ZipArchiveEntry entry, bool keep)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var kept = keep ? new MemoryStream((int)Math.Min(entry.Length, MaxKeptBytes)) : null;
        using var stream = entry.Open();
        var buffer = new byte[81920];
        long read = 0;
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            read += n;
            if (read > entry.Length) throw new BundleRefusedException($"entry '{entry.FullName}' holds more than the {entry.Length:N0} bytes its header states");
            hash.AppendData(buffer, 0, n);
            kept?.Write(buffer, 0, n);
        }
        return new BundleFile(Convert.ToHexStringLower(hash.GetHashAndReset()), kept?.ToArray());
    }
}
