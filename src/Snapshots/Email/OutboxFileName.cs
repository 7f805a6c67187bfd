using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Snapshots.Email;

/// <summary>
/// <c>{yyyyMMddTHHmmss}-{kind}-{subscriber}-{key}</c>: outbox files sort by time, and name the kind, the subscriber (the first
/// 12 characters of the id, never the address) and the message key with hashes shortened, e.g.
/// <c>20261118T074200-alert-3f9a0c1b2d4e-mistral-ai-privacy-policy-8c1d2e3f4a5b</c>.
/// </summary>
internal static partial class OutboxFileName
{
    private const int MaxKeyCharacters = 80;

    public static string Of(DateTimeOffset time, string kind, string subscriberId, string messageKey)
    {
        var key = messageKey.StartsWith(kind + ":", StringComparison.Ordinal) ? messageKey[(kind.Length + 1)..] : messageKey;
        key = Sha256().Replace(key, m => m.Value[..12]);
        return $"{time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture)}-{Slug(kind)}-{Slug(subscriberId, 12)}-{Slug(key, MaxKeyCharacters)}";
    }

    /// <summary>
    /// The name of a sent email: <see cref="Of"/> followed by <c>-{16 characters of the delivery id}</c>, so a second attempt at the
    /// same delivery finds the first one's file (<see cref="DeliveryPattern"/>) whatever the time.
    /// </summary>
    public static string ForDelivery(DateTimeOffset time, string kind, string subscriberId, string messageKey, string deliveryId) =>
        $"{Of(time, kind, subscriberId, messageKey)}-{deliveryId[..16]}";

    /// <summary>The search pattern of the .eml file of a delivery, whenever it was written.</summary>
    public static string DeliveryPattern(string deliveryId) => $"*-{deliveryId[..16]}.eml";

    private static string Slug(string text, int max = 40)
    {
        var builder = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            var keep = c is >= 'a' and <= 'z' or >= '0' and <= '9';
            if (keep) builder.Append(c);
            else if (builder.Length > 0 && builder[^1] != '-') builder.Append('-');
        }
        var slug = builder.ToString().Trim('-');
        if (slug.Length > max) slug = slug[..max].TrimEnd('-');
        return slug.Length == 0 ? "x" : slug;
    }

    [GeneratedRegex("[0-9a-fA-F]{64}")]
    private static partial Regex Sha256();
}
