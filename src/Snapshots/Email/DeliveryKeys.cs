using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Snapshots.Email;

/// <summary>
/// Message keys as Table storage row keys. Keys may not hold '/', '\', '#', '?' or control characters, and ':' is kept out too,
/// so every character other than ASCII letters, digits, '-', '_' and '.' becomes <c>~XX</c> (UTF-8 bytes in hex, '~' included).
/// <c>alert:mistral-ai/privacy-policy:ab12…</c> becomes <c>alert~3Amistral-ai~2Fprivacy-policy~3Aab12…</c>; decoding reverses it.
/// </summary>
internal static class DeliveryKeys
{
    /// <summary>
    /// A delivery's id for transports: 32 hex characters of the SHA-256 of the subscriber id and the message key, the same on
    /// every attempt. SendGrid gets it as a custom arg and the outbox in the file name, so a second attempt can ask whether the
    /// first one was accepted. It names no address and no document.
    /// </summary>
    public static string IdOf(string subscriberId, string messageKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{subscriberId}\n{messageKey}")))[..32];

    public static string Encode(string messageKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageKey);
        var builder = new StringBuilder(messageKey.Length + 16);
        foreach (var b in Encoding.UTF8.GetBytes(messageKey))
        {
            var c = (char)b;
            if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '_' or '.') builder.Append(c);
            else builder.Append('~').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }

    public static string Decode(string rowKey)
    {
        var bytes = new List<byte>(rowKey.Length);
        for (var i = 0; i < rowKey.Length; i++)
        {
            if (rowKey[i] != '~') { bytes.Add((byte)rowKey[i]); continue; }
            if (i + 2 >= rowKey.Length || !byte.TryParse(rowKey.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
                throw new FormatException($"'{rowKey}' is not an encoded message key (bad escape at {i})");
            bytes.Add(b);
            i += 2;
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
