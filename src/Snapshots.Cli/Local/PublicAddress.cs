using Microsoft.Extensions.Configuration;
using Snapshots.Catalog;

namespace Snapshots.Cli.Local;

/// <summary>
/// The public base address that links, citations, feeds and emails use when the site is served locally: the address it
/// listens on (the first of <c>--urls</c> or <c>Web__Urls</c>, a wildcard host read as localhost), unless
/// <c>Web__PublicBaseUrl</c> is set.
/// </summary>
public static class PublicAddress
{
    public const string Setting = $"{PublicSite.Section}:PublicBaseUrl";

    /// <summary>Sets <c>Web:PublicBaseUrl</c> from <paramref name="urls"/> when it is not configured and the address is a fixed one.</summary>
    public static void FollowListener(IConfiguration configuration, string urls)
    {
        if (!string.IsNullOrWhiteSpace(configuration[Setting])) return;
        if (Of(urls) is { } address) configuration[Setting] = address;
    }

    /// <summary>The first listening address as a public base (no trailing slash), or null for port 0 or an address that is not http(s).</summary>
    public static string? Of(string urls)
    {
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null) return null;
        // Kestrel's wildcards: any host, which a browser reaches as localhost.
        var (scheme, rest) = first.Split("://", 2) is [var s, var r] ? (s.ToLowerInvariant(), r) : ("", "");
        if (scheme is not ("http" or "https")) return null;
        var hostEnd = rest.StartsWith('[') ? rest.IndexOf(']') + 1 : rest.IndexOfAny([':', '/']) is var i and >= 0 ? i : rest.Length;
        var host = rest[..hostEnd];
        if (host is "*" or "+" or "0.0.0.0" or "[::]") rest = "localhost" + rest[hostEnd..];
        if (!Uri.TryCreate($"{scheme}://{rest}", UriKind.Absolute, out var uri) || uri.Port == 0) return null;
        return uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }
}
