namespace Snapshots.Archive;

/// <summary>
/// Trusted timestamps and their verification, bound from the "Evidence" configuration section
/// (environment: <c>Evidence__TimestampAuthorities__0=https://...</c>). With no authority configured (the local default)
/// nothing is timestamped; <c>verify</c> still checks the tokens already stored.
/// </summary>
public sealed class EvidenceOptions
{
    public const string Section = "Evidence";

    /// <summary>
    /// RFC 3161 Time-Stamp Authority URLs: every one is asked for a token over each version's chain hash (long-term
    /// timestamps: independent authorities); a version is timestamped once at least one gave a valid token with its
    /// validation data.
    /// </summary>
    public List<string> TimestampAuthorities { get; set; } = [];

    /// <summary>
    /// Root certificates a token's signer must chain to: PEM file paths or PEM text. Empty: the operating system's roots.
    /// </summary>
    public List<string> TrustAnchors { get; set; } = [];

    /// <summary>A token's time may be at most this much earlier than the capture time (clocks differ; default 5 minutes).</summary>
    public TimeSpan TimestampTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long after its capture a version whose chain says a token was requested may still have none (the retries are under
    /// way) before <c>verify</c> calls the missing token a fault (default 1 day: longer than the retries with the default backoff).
    /// </summary>
    public TimeSpan PendingTokenGrace { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Time allowed for one authority to answer (default 10 seconds).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First delay before asking again when no authority gave a token; doubled each attempt (default 1 minute).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest delay between attempts (default 2 hours).</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Attempts re-queued with backoff before the request is left to the queue's own retries and poison queue (default 10).</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>
    /// Re-timestamp a version's evidence when the earliest expiry of its newest tokens' certificate chains is this close
    /// (default 90 days): the renewal (<see cref="TimestampRenewer"/>) stamps the old tokens and their validation data again.
    /// </summary>
    public TimeSpan RenewalMargin { get; set; } = TimeSpan.FromDays(90);

    /// <summary>The largest revocation list fetched for a token's certificate (default 4 MiB).</summary>
    public int MaxRevocationBytes { get; set; } = 4 << 20;

    public bool Enabled => TimestampAuthorities.Any(a => !string.IsNullOrWhiteSpace(a));

    /// <summary>
    /// The delay before attempt <paramref name="attempt"/> + 1, in whole seconds and at least one: queue visibility delays
    /// are counted in seconds, and a shorter one would hand the request straight back.
    /// </summary>
    public TimeSpan DelayAfter(int attempt)
    {
        var factor = Math.Pow(2, Math.Min(attempt, 20));
        var seconds = Math.Ceiling(Math.Min(RetryBaseDelay.TotalSeconds * factor, RetryMaxDelay.TotalSeconds));
        return TimeSpan.FromSeconds(Math.Max(1, seconds));
    }
}
