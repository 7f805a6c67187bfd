namespace Snapshots.Extraction;

/// <summary>
/// Canonical form of a link target written into extracted text, so that per-request decoration of a link never
/// reads as a change of the document:
/// <list type="bullet">
/// <item>query parameters named in <see cref="TrackingParameters"/> are removed (the others keep their order and
/// spelling); an empty query loses its <c>?</c>;</item>
/// <item>query values that are per-request identifiers (UUIDs, long hex or base64 tokens) are masked as
/// <see cref="QueryTokens.Mask"/>, keeping the parameter name and every other value, see <see cref="QueryTokens"/>;</item>
/// <item><c>;jsessionid=...</c> path parameters are removed; the path itself is never changed, because a changed
/// link target path is always a real change;</item>
/// <item>links to static assets (stylesheets, scripts, images, fonts) lose cache busters and build hashes, see
/// <see cref="AssetLinks"/>; links to anything else keep their path as is;</item>
/// <item>the fragment is kept (<c>#section-3</c> is meaningful) except a text-fragment directive
/// (<c>#:~:text=...</c>), which browsers generate for share links.</item>
/// </list>
/// Scheme and host are lower-cased and a default port dropped, as <see cref="Uri"/> does.
/// Links to the page itself are handled by <see cref="MarkdownRenderer"/> (rendered as text), not here.
/// </summary>
internal static class LinkNormalizer
{
    private const string TextFragmentDirective = ":~:";

    public static string Normalize(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            return url.IsAbsoluteUri ? url.AbsoluteUri : url.OriginalString;

        var authority = url.GetLeftPart(UriPartial.Authority);
        var path = WithoutTrackingPathParameters(url.AbsolutePath);
        var query = QueryTokens.MaskValues(WithoutTrackingParameters(url.Query));
        if (AssetLinks.IsAsset(path))
        {
            path = AssetLinks.CanonicalPath(path);
            query = AssetLinks.CanonicalQuery(query);
        }
        var fragment = WithoutTextFragmentDirective(url.Fragment);
        return authority + path + query + fragment;
    }

    private static string WithoutTrackingParameters(string query)
    {
        if (query.Length <= 1) return "";
        var kept = query[1..]
            .Split('&')
            .Where(pair => pair.Length > 0 && !TrackingParameters.IsTracking(NameOf(pair)))
            .ToList();
        return kept.Count == 0 ? "" : "?" + string.Join('&', kept);
    }

    private static string NameOf(string pair)
    {
        var equals = pair.IndexOf('=');
        var name = equals < 0 ? pair : pair[..equals];
        return Uri.UnescapeDataString(name.Replace('+', ' '));
    }

    private static string WithoutTrackingPathParameters(string path)
    {
        if (!path.Contains(';')) return path;
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var parts = segments[i].Split(';');
            if (parts.Length == 1) continue;
            var kept = parts.Skip(1).Where(p => !TrackingParameters.PathParameterNames.Contains(NameOf(p)));
            segments[i] = string.Join(';', parts.Take(1).Concat(kept));
        }
        return string.Join('/', segments);
    }

    private static string WithoutTextFragmentDirective(string fragment)
    {
        var directive = fragment.IndexOf(TextFragmentDirective, StringComparison.Ordinal);
        if (directive < 0) return fragment;
        var kept = fragment[..directive];
        return kept == "#" ? "" : kept;
    }
}
