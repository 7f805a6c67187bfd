using System.Text.RegularExpressions;

namespace Snapshots.Archive;

/// <summary>
/// The SURT (Sort-friendly URI Reordering Transform) key that starts a CDXJ line, computed as webrecorder's warcio (and so
/// ReplayWeb.page) and pywb compute it: lower-cased, a leading <c>www.</c> (or <c>www2.</c> ...) dropped, the host's labels
/// reversed and joined by commas, an explicit port kept, <c>)</c>, the path, then the query's parameters sorted. A URI that
/// is not http(s) (the <c>urn:dom:</c> and <c>urn:screenshot:</c> resources) is its own key.
/// </summary>
internal static partial class SurtKey
{
    public static string Of(string url)
    {
        if (!url.StartsWith("http:", StringComparison.Ordinal) && !url.StartsWith("https:", StringComparison.Ordinal)) return url;
        var lowered = LeadingWww().Replace(url, "$1").ToLowerInvariant();
        if (!Uri.TryCreate(lowered, UriKind.Absolute, out var uri)) return url;
        var key = string.Join(',', uri.Host.Split('.').Reverse());
        if (!uri.IsDefaultPort) key += ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        key += ")" + uri.AbsolutePath;
        if (uri.Query.Length > 1) key += "?" + string.Join('&', uri.Query[1..].Split('&').Order(StringComparer.Ordinal));
        return key;
    }

    [GeneratedRegex(@"^(https?://)www\d*\.")]
    private static partial Regex LeadingWww();
}
