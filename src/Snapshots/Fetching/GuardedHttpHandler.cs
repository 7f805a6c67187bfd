using System.Net;

namespace Snapshots.Fetching;

/// <summary>
/// The HTTP handler of every fetch from an address Snapshots did not choose (a page, a certificate's revocation list):
/// no automatic redirects or decompression, no proxy or cookies, and the SSRF guard at connect time.
/// </summary>
internal static class GuardedHttpHandler
{
    public static SocketsHttpHandler Create(FetchOptions options) => new()
    {
        AllowAutoRedirect = false,
        // PageFetcher decodes the one content encoding itself (ContentDecoding): stacked or unknown encodings are refused, not
        // half-decoded by the handler and then stored as the page.
        AutomaticDecompression = DecompressionMethods.None,
        UseProxy = false,
        UseCookies = false,
        ConnectTimeout = options.AttemptTimeout,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = new GuardedConnector(options.AddressPolicy()).ConnectAsync,
    };
}
