namespace Snapshots.Archive;

/// <summary>
/// The Wayback Machine's Save Page Now 2 API, bound from the "Wayback" section (off by default): each new live version asks
/// for a capture of its source page through the <c>wayback</c> queue, and records the Wayback URL, time and digest where given.
/// </summary>
public sealed class WaybackOptions
{
    public const string Section = "Wayback";

    /// <summary>Off by default: nothing is sent to the Internet Archive unless this is true and the keys are set.</summary>
    public bool Enabled { get; set; }

    /// <summary>The API's base address: <c>POST {Endpoint}/save</c> and <c>GET {Endpoint}/save/status/{job_id}</c>.</summary>
    public string Endpoint { get; set; } = "https://web.archive.org";

    /// <summary>Where a capture is replayed: <c>{ReplayBase}{timestamp}/{url}</c>.</summary>
    public string ReplayBase { get; set; } = "https://web.archive.org/web/";

    /// <summary>The S3-like access key of an archive.org account (<c>Authorization: LOW key:secret</c>).</summary>
    public string AccessKey { get; set; } = "";

    /// <summary>Its secret (Key Vault in Azure).</summary>
    public string SecretKey { get; set; } = "";

    /// <summary>Captures submitted per minute at most, by this process (default 4; the API allows a few per minute per account).</summary>
    public int RequestsPerMinute { get; set; } = 4;

    /// <summary>Time between two looks at a submitted capture's status (default 30 seconds).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Looks at a capture's status before it is given up (default 20).</summary>
    public int MaxPolls { get; set; } = 20;

    /// <summary>Backed-off submissions (429, 5xx, no answer) before the request is given up (default 8).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>First backoff after a refusal without Retry-After; doubled each attempt (default 1 minute), at most 1 hour.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Time allowed for one API answer (default 30 seconds).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsOn => Enabled && !string.IsNullOrWhiteSpace(Endpoint) && !string.IsNullOrWhiteSpace(AccessKey) && !string.IsNullOrWhiteSpace(SecretKey);

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1: the doubling backoff, at most an hour, whole seconds.</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        var seconds = Math.Min(RetryBaseDelay.TotalSeconds * Math.Pow(2, Math.Min(attempt, 20)), 3600);
        return TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(seconds)));
    }
}
