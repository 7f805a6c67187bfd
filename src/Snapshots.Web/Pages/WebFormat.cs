using System.Globalization;

namespace Snapshots.Web.Pages;

/// <summary>How pages write times and counts: UTC always, said so.</summary>
public static class WebFormat
{
    /// <summary>"2026-11-22 10:15 UTC", or "never".</summary>
    public static string Time(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "never";

    /// <summary>"2026-11-22T10:15:03.120Z": the exact capture time, as the hash chain records it.</summary>
    public static string Exact(DateTimeOffset time) => Archive.HashChain.FormatTime(time);

    /// <summary>For a &lt;time datetime&gt; attribute.</summary>
    public static string Machine(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "";

    public static string Count(long count, string noun, string? plural = null) =>
        $"{count.ToString("N0", CultureInfo.InvariantCulture)} {(count == 1 ? noun : plural ?? noun + "s")}";
}
