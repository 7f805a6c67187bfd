using System.IO.Compression;

namespace Snapshots.Catalog;

/// <summary>
/// Reads the files that imports are given (declarations, their histories, history folders' captures) only if they are
/// regular files, following symlinks: a FIFO would block the reader for ever and a device (<c>/dev/zero</c>) never ends, so
/// both are refused by their kind before they are opened (<see cref="FileKind"/>), and again on the opened handle, in case
/// the path was swapped in between. The size is checked before reading and the read itself stops one byte past the bound,
/// since the file can grow between the check and the read; a gzip file's bound is on its decompressed bytes.
/// Every refusal is a <see cref="FileRefusedException"/> naming the file.
/// </summary>
internal static class RegularFile
{
    /// <summary>Refuses what is not a regular file, or (when the system says its size) one larger than <paramref name="maxBytes"/>.</summary>
    /// <param name="what">The file as the size refusal names it, e.g. "a declaration file".</param>
    public static void Check(string path, long maxBytes, string what)
    {
        var (kind, size) = FileKind.Of(path);
        Refuse(path, kind);
        if (kind == FileKind.Kind.Regular && size > maxBytes) throw TooLarge(path, size, maxBytes, what);
    }

    /// <summary>The file's bytes, at most <paramref name="maxBytes"/> of them.</summary>
    public static byte[] ReadBytes(string path, long maxBytes, string what)
    {
        Check(path, maxBytes, what);
        using var stream = Open(path);
        return ReadBounded(stream, path, maxBytes, what, compressed: false);
    }

    /// <summary>A gzip file's decompressed bytes, at most <paramref name="maxBytes"/> of them (and at most as many compressed).</summary>
    public static byte[] ReadGzipBytes(string path, long maxBytes, string what)
    {
        Check(path, maxBytes, what);
        using var stream = Open(path);
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        return ReadBounded(gzip, path, maxBytes, what, compressed: true);
    }

    private static FileStream Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        try
        {
            Refuse(path, FileKind.Of(stream.SafeFileHandle).Kind);
            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static byte[] ReadBounded(Stream stream, string path, long maxBytes, string what, bool compressed)
    {
        var limit = (int)Math.Min(maxBytes, Array.MaxLength - 1);
        using var bytes = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, limit + 1L - bytes.Length))) > 0)
        {
            bytes.Write(chunk, 0, read);
            if (bytes.Length > limit)
                throw new FileRefusedException(path, compressed
                    ? $"decompresses to more than the {maxBytes:N0} bytes {what} may have."
                    : $"has more than the {maxBytes:N0} bytes {what} may have (it grew while it was read).");
        }
        return bytes.ToArray();
    }

    private static void Refuse(string path, FileKind.Kind kind)
    {
        switch (kind)
        {
            case FileKind.Kind.Regular or FileKind.Kind.Unchecked:
                return;
            case FileKind.Kind.Missing:
                throw new FileRefusedException(path, "does not exist (or is a symlink to nothing).");
            default:
                var link = new FileInfo(path).LinkTarget is { } target ? $" (a symlink to {target})" : "";
                throw new FileRefusedException(path, $"is {FileKind.Describe(kind)}{link}, not a regular file: only regular files are read.");
        }
    }

    private static FileRefusedException TooLarge(string path, long size, long maxBytes, string what) =>
        new(path, $"is {size:N0} bytes, more than the {maxBytes:N0} {what} may have.");
}
