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

    /// <summary>Open loopback and private networks to fetching: for tests and local demos only.</summary>
    public bool AllowPrivateNetworks { get; set; }

    public string UserAgent { get; set; } = "Snapshots/1.0 (legal document monitor; +https://github.com/snapshots-monitor/snapshots)";
}
