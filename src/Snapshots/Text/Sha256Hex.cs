using System.Security.Cryptography;
using System.Text;

namespace Snapshots.Text;

/// <summary>Lower-case hexadecimal SHA-256, the one hash format used everywhere in the archive.</summary>
public static class Sha256Hex
{
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string Of(string text) => Of(Encoding.UTF8.GetBytes(text));

    public static async Task<string> OfAsync(Stream stream, CancellationToken ct = default) =>
        Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
}
