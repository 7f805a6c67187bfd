namespace Snapshots.Extraction;

/// <summary>
/// Canonical form of links to static assets (stylesheets, scripts, images, fonts; see <see cref="BuiltInNoiseRules"/>):
/// cache-busting query parameters removed and build-id or content-hash path segments blanked, because they change with
/// every deployment. A link that is not an asset (a page, a PDF, anything without an asset extension or build prefix)
/// is returned unchanged: a changed document link target path is always a real change.
/// </summary>
internal static class AssetLinks
{
    private static readonly HashSet<string> CacheBusters = new(
        BuiltInNoiseRules.AssetCacheBusters.Select(rule => rule.Match), StringComparer.OrdinalIgnoreCase);

    public static bool IsAsset(string path) =>
        BuiltInNoiseRules.AssetPathPrefixes.Any(prefix => path.StartsWith(prefix.Match, StringComparison.OrdinalIgnoreCase))
        || BuiltInNoiseRules.AssetExtensions.Contains(Path.GetExtension(LastSegment(path)));

    /// <summary>The path with hash-like segments replaced; the caller checks <see cref="IsAsset"/> first.</summary>
    public static string CanonicalPath(string path)
    {
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (i == segments.Length - 1)
            {
                segments[i] = WithoutFileNameHash(segment);
                continue;
            }
            if (IsHashLike(segment)) segments[i] = BuiltInNoiseRules.HashPlaceholder;
        }
        return string.Join('/', segments);
    }

    /// <summary>The query without cache-busting parameters (with its '?', or empty).</summary>
    public static string CanonicalQuery(string query)
    {
        if (query.Length <= 1) return "";
        var kept = query.TrimStart('?').Split('&')
            .Where(pair => pair.Length > 0 && !CacheBusters.Contains(Uri.UnescapeDataString(pair.Split('=')[0])))
            .ToList();
        return kept.Count == 0 ? "" : "?" + string.Join('&', kept);
    }

    /// <summary>"main.3f2a9c1b.css" → "main.css", "chunk-4f9a7c2e81.js" → "chunk.js", "logo.png" unchanged.</summary>
    private static string WithoutFileNameHash(string fileName)
    {
        var extension = Path.GetExtension(fileName);
        var stem = fileName[..^extension.Length];
        var parts = stem.Split('.', '-');
        if (parts.Length < 2 || !IsHashLike(parts[^1])) return IsHashLike(stem) ? BuiltInNoiseRules.HashPlaceholder + extension : fileName;
        return stem[..(stem.Length - parts[^1].Length - 1)] + extension;
    }

    internal static bool IsHashLike(string segment)
    {
        if (segment.Length >= 8 && segment.All(Uri.IsHexDigit) && segment.Any(char.IsDigit)) return true;
        return segment.Length >= 16
            && segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
            && segment.Any(char.IsAsciiDigit) && segment.Any(char.IsAsciiLetter);
    }

    private static string LastSegment(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? path : path[(slash + 1)..];
    }
}
