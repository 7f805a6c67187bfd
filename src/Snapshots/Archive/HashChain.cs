using Snapshots.Text;
using System.Globalization;

namespace Snapshots.Archive;

/// <summary>
/// The tamper-evident chain over a document's versions:
/// chain(n) = SHA-256( chain(n-1) + "\n" + textSha256(n) + "\n" + capturedAt(n) as yyyy-MM-ddTHH:mm:ss.fffZ ),
/// with chain(0) = 64 zeros. Changing, removing or reordering any version breaks every later link.
/// </summary>
public static class HashChain
{
    public static readonly string Genesis = new('0', 64);

    public static string Next(string previousChainHash, string textSha256, DateTimeOffset capturedAt) =>
        Sha256Hex.Of($"{previousChainHash}\n{textSha256}\n{FormatTime(capturedAt)}");

    /// <summary>Capture times are kept to the millisecond so that they survive Table storage unchanged.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset time) =>
        new(time.UtcTicks - time.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    public static string FormatTime(DateTimeOffset time) =>
        Truncate(time).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
