using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Snapshots.Fetching;

/// <summary>
/// The HTTP handler of every fetch from an address Snapshots did not choose (a page, a certificate's revocation list):
/// no automatic redirects or decompression, no proxy or cookies, the SSRF guard at connect time, and a
/// <see cref="ConnectionObserver"/> that records each connection's peer certificate chain, protocol and cipher (the WARC
/// capture's metadata). With <c>Fetch:TrustedRootCertificates</c> those roots are the only ones trusted; validation is never
/// turned off.
/// </summary>
internal static class GuardedHttpHandler
{
    /// <summary>The handler; <paramref name="connectTimeout"/> defaults to <see cref="FetchOptions.AttemptTimeout"/>.</summary>
    public static SocketsHttpHandler Create(FetchOptions options, TimeSpan? connectTimeout = null)
    {
        var observer = new ConnectionObserver();
        var ssl = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = observer.Validate };
        var roots = options.TrustedRoots();
        if (roots.Count > 0)
        {
            var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            policy.CustomTrustStore.AddRange(roots);
            ssl.CertificateChainPolicy = policy;
        }
        return new SocketsHttpHandler
        {
            SslOptions = ssl,
            PlaintextStreamFilter = observer.FilterAsync,
            AllowAutoRedirect = false,
            // PageFetcher decodes the one content encoding itself (ContentDecoding): stacked or unknown encodings are refused,
            // not half-decoded by the handler and then stored as the page.
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = connectTimeout ?? options.AttemptTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectCallback = new GuardedConnector(options.AddressPolicy()).ConnectAsync,
        };
    }
}
