namespace Snapshots.Email;

/// <summary>The only links an email carries to the outside: a document's source URL, and only when it is absolute http or https.</summary>
public static class SourceLink
{
    /// <summary>The URL to link to, or null when it must be shown as text only (javascript:, data:, relative, malformed).</summary>
    public static string? Href(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri.AbsoluteUri
            : null;
}
