using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Snapshots.Text;

/// <summary>Lower-case hexadecimal SHA-256, the one hash format used everywhere in the archive.</summary>
public static class Sha256Hex
{
    /// <summary>Text up to this many characters is encoded in one piece; longer text (a document's) in pieces of it.</summary>
    internal const int PieceChars = 8 * 1024;

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>
    /// The hash of the text's UTF-8 bytes. A long text is encoded piece by piece into one pooled buffer (a surrogate pair split
    /// between two pieces is carried over by the encoder), so hashing a document's text does not allocate its UTF-8 copy: for
    /// most documents that copy was a large-object allocation, and those bring on full collections.
    /// </summary>
    public static string Of(string text) => Of(text.AsSpan());

    /// <inheritdoc cref="Of(string)"/>
    /// <remarks>A short text (a provision's) is encoded into a pooled buffer too: no copy of it, as a string or as bytes, is allocated.</remarks>
    public static string Of(ReadOnlySpan<char> text)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        if (text.Length <= PieceChars)
        {
            var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
            try
            {
                SHA256.HashData(bytes.AsSpan(0, Encoding.UTF8.GetBytes(text, bytes)), digest);
                return Convert.ToHexStringLower(digest);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(bytes);
            }
        }
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var encoder = Encoding.UTF8.GetEncoder();
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(PieceChars));
        try
        {
            var rest = text;
            while (!rest.IsEmpty)
            {
                var take = Math.Min(PieceChars, rest.Length);
                encoder.Convert(rest[..take], buffer, flush: take == rest.Length, out var used, out var written, out _);
                hash.AppendData(buffer, 0, written);
                rest = rest[used..];
            }
            hash.GetHashAndReset(digest);
            return Convert.ToHexStringLower(digest);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static async Task<string> OfAsync(Stream stream, CancellationToken ct = default) =>
        Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
}
