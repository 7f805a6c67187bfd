using System.Globalization;

namespace Snapshots.Email;

/// <summary>How emails write numbers, times and counts.</summary>
internal static class EmailFormat
{
    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>"2026-11-18 07:42 UTC".</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>"18 Nov 2026".</summary>
    public static string Day(DateTimeOffset time) => time.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"1 change", "3 changes".</summary>
    public static string Count(long count, string noun, string? plural = null) =>
        $"{Number(count)} {(count == 1 ? noun : plural ?? noun + "s")}";
}
