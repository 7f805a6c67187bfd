using Microsoft.Extensions.Configuration;

namespace Snapshots.Catalog;

/// <summary>
/// The public address of the web face (configuration <c>Web:PublicBaseUrl</c>, default <c>http://localhost:7071</c>) and the
/// permanent paths of its archive pages. Emails and citations link here; the web endpoints are mapped on the same paths.
/// </summary>
public sealed class PublicSite
{
    public const string Section = "Web";
    public const string DefaultBaseUrl = "http://localhost:7071";

    public PublicSite(Uri baseUrl)
    {
        if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
            throw new InvalidOperationException($"Web:PublicBaseUrl '{baseUrl}' is not an absolute http(s) address such as https://snapshots.example.org");
        BaseUrl = new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/");
    }

    public Uri BaseUrl { get; }

    public static PublicSite From(IConfiguration configuration)
    {
        var value = configuration[$"{Section}:PublicBaseUrl"];
        if (string.IsNullOrWhiteSpace(value)) value = DefaultBaseUrl;
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri))
            throw new InvalidOperationException($"Web:PublicBaseUrl '{value}' is not an absolute http(s) address such as https://snapshots.example.org");
        return new PublicSite(uri);
    }

    public static string PlatformPath(string platform) => $"/platforms/{platform}";
    public static string DocumentPath(DocumentId document) => $"/platforms/{document.Platform}/{document.TermsType}";
    public static string VersionPath(DocumentId document, long sequence) => $"{DocumentPath(document)}/versions/{sequence}";
    public static string ComparePath(DocumentId document, long from, long to) => $"{DocumentPath(document)}/compare?from={from}&to={to}";
    /// <summary>A provision's permanent page, by its slug (never given to another provision of the document).</summary>
    public static string ProvisionPath(DocumentId document, string slug) => $"{DocumentPath(document)}/provisions/{slug}";
    public const string ClauseTypesPath = "/clause-types";
    public static string ClauseTypePath(string typeId) => $"{ClauseTypesPath}/{typeId}";

    /// <summary>An absolute address on the public site for a path that starts with '/'.</summary>
    public Uri Url(string path) => new(BaseUrl, path.TrimStart('/'));

    public Uri VersionUrl(DocumentId document, long sequence) => Url(VersionPath(document, sequence));
}
