namespace Snapshots.Fetching;

/// <summary>Limits and identity of every fetch; bound from the "Fetch" configuration section.</summary>
public sealed class FetchOptions
{
    public const string Section = "Fetch";

    /// <summary>Largest body accepted; the stream is cut off past it (default 10 MiB).</summary>
    public long MaxBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Time allowed for a whole fetch, retries included (default 30 s).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for one attempt (default 10 s).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Redirects followed before giving up (default 5).</summary>
    public int MaxRedirects { get; set; } = 5;

    /// <summary>Retries after the first attempt on 408, 429 and 5xx (default 3).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Base delay of the jittered exponential backoff (default 1 s).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest Retry-After honoured; a server asking for more fails the fetch (default 20 s).</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Most requests this process sends to one host in a minute, spaced evenly; 0 (the local default) for no limit.
    /// The Bicep sets 60 for the Functions app. Documents that share a page are fetched once per cycle in any case.
    /// </summary>
    public int PerHostRequestsPerMinute { get; set; }

    /// <summary>
    /// Fetches in flight at once to one host from this process (default 2, as HTTP/1.1 first advised); more documents on
    /// that host wait their turn before their time limits start. 0 for no bound. Polite, and faster on a small site or a
    /// single-process server: 760 unchanged pages from Python's http.server took 3.3 s with 16 at once, 1.35 s with 2.
    /// </summary>
    public int MaxConcurrentPerHost { get; set; } = 2;

    /// <summary>
    /// Page bodies this process holds at once, in bytes (default 64 MiB): a fetch waits while the pages of the checks in
    /// progress reach it, so many large pages (PDFs up to <see cref="MaxBodyBytes"/>) are checked a few at a time instead of
    /// all at once. A fetch always starts when nothing is held. 0 for no bound (see <see cref="BodyBytesInFlight"/>).
    /// </summary>
    public long MaxBytesInFlight { get; set; } = 64 * 1024 * 1024;

    /// <summary>Open loopback and private networks to fetching: for tests and local demos only.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>
    /// Single loopback or private endpoints opened to fetching while the rest of those networks stays closed
    /// ("127.0.0.1:8080", "[::1]:8080"): a narrower opening than <see cref="AllowPrivateNetworks"/>, for tests and local demos.
    /// </summary>
    public List<string> AllowedPrivateEndpoints { get; set; } = [];

    /// <summary>The address policy these options describe (every fetch, the browser's included, connects through it).</summary>
    public NetworkAddressPolicy AddressPolicy() => new(AllowPrivateNetworks, AllowedPrivateEndpoints.Select(text =>
        System.Net.IPEndPoint.TryParse(text, out var endpoint) && endpoint.Port != 0
            ? endpoint
            : throw new InvalidOperationException($"Fetch:AllowedPrivateEndpoints: \"{text}\" is not an address:port")).ToList());

    /// <summary>
    /// Root certificates (PEM files) that alone are trusted for HTTPS fetches when set, instead of the system's: for tests and
    /// local demos with their own CA on loopback. Certificates are always validated; nothing here turns validation off.
    /// </summary>
    public List<string> TrustedRootCertificates { get; set; } = [];

    /// <summary>The certificates of <see cref="TrustedRootCertificates"/>; empty when the system's roots are used.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2Collection TrustedRoots()
    {
        var roots = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
        foreach (var path in TrustedRootCertificates.Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            if (!File.Exists(path)) throw new InvalidOperationException($"Fetch:TrustedRootCertificates: \"{path}\" is not an existing PEM file");
            roots.ImportFromPemFile(path);
        }
        return roots;
    }

    /// <summary>Rendering of pages declared with <c>executeClientScripts</c> (the "Fetch:Browser" section).</summary>
    public BrowserOptions Browser { get; set; } = new();

    public string UserAgent { get; set; } = "Snapshots/1.0 (legal document monitor; +https://github.com/snapshots-monitor/snapshots)";
}
