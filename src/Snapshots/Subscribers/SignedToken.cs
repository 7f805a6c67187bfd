using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Snapshots.Subscribers;

/// <summary>
/// A signed, expiring token: <c>base64url(purpose|subject|nonce|expiry)</c> + "." + <c>base64url(HMAC-SHA256)</c>. The purpose
/// is signed too, so a manage link cannot be used as a confirmation and the other way round. Checked in constant time.
/// </summary>
public sealed record SignedToken(string Purpose, string Subject, string Nonce, DateTimeOffset Expires)
{
    public string Sign(byte[] key)
    {
        var payload = Encoding.UTF8.GetBytes(string.Join('|', Purpose, Subject, Nonce, Expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        return $"{Base64Url.Encode(payload)}.{Base64Url.Encode(HMACSHA256.HashData(key, payload))}";
    }

    /// <summary>The token if its signature holds, its purpose is <paramref name="purpose"/> and it has not expired at <paramref name="now"/>; else null.</summary>
    public static SignedToken? Read(string? token, string purpose, byte[] key, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1024) return null;
        var dot = token.IndexOf('.');
        if (dot <= 0) return null;
        byte[] payload, mac;
        try
        {
            payload = Base64Url.Decode(token[..dot]);
            mac = Base64Url.Decode(token[(dot + 1)..]);
        }
        catch (FormatException) { return null; }
        if (!CryptographicOperations.FixedTimeEquals(mac, HMACSHA256.HashData(key, payload))) return null;
        var parts = Encoding.UTF8.GetString(payload).Split('|');
        if (parts.Length != 4 || parts[0] != purpose || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var expiry)) return null;
        var read = new SignedToken(parts[0], parts[1], parts[2], DateTimeOffset.FromUnixTimeSeconds(expiry));
        return read.Expires > now ? read : null;
    }

    public static string NewNonce() => Base64Url.Encode(RandomNumberGenerator.GetBytes(18));

    private static class Base64Url
    {
        public static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public static byte[] Decode(string text)
        {
            var padded = text.Replace('-', '+').Replace('_', '/');
            return Convert.FromBase64String(padded.PadRight(padded.Length + (4 - padded.Length % 4) % 4, '='));
        }
    }
}
