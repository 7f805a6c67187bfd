using Microsoft.Extensions.Configuration;

namespace Snapshots.Channels;

/// <summary>Settings of delivery channels (configuration section <c>Channels</c>).</summary>
public sealed class ChannelOptions
{
    public const string Section = "Channels";

    /// <summary>Attempts of one delivery before it is parked in <c>channel-deliveries-poison</c>.</summary>
    public int MaxAttempts { get; set; } = 5;
    /// <summary>Deliveries failed for good in a row after which the channel is disabled and its owner told by email.</summary>
    public int DisableAfterFailures { get; set; } = 5;
    /// <summary>The wait before the second attempt; doubled for each next one (a longer Retry-After wins), at most <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);
    /// <summary>One attempt's time limit: connecting, sending and reading the answer.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>Bytes of a receiver's answer read (to name an error); the rest is never read.</summary>
    public int MaxResponseBytes { get; set; } = 4096;
    /// <summary>Channels one subscriber may have.</summary>
    public int MaxChannelsPerSubscriber { get; set; } = 10;

    public static ChannelOptions From(IConfiguration configuration)
    {
        var options = new ChannelOptions();
        configuration.GetSection(Section).Bind(options);
        if (options.MaxAttempts < 1) throw new InvalidOperationException("Channels:MaxAttempts must be at least 1");
        if (options.DisableAfterFailures < 1) throw new InvalidOperationException("Channels:DisableAfterFailures must be at least 1");
        if (options.Timeout < TimeSpan.FromMilliseconds(10)) throw new InvalidOperationException("Channels:Timeout must be at least 10 ms");
        if (options.MaxResponseBytes < 0) throw new InvalidOperationException("Channels:MaxResponseBytes must not be negative");
        return options;
    }

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1 (0-based attempts made): the base doubled, or Retry-After when longer, within the max.</summary>
    public TimeSpan DelayAfter(int attempt, TimeSpan? retryAfter)
    {
        var backoff = TimeSpan.FromTicks(RetryBaseDelay.Ticks * (1L << Math.Min(attempt, 20)));
        var delay = retryAfter is { } asked && asked > backoff ? asked : backoff;
        return delay > MaxRetryDelay ? MaxRetryDelay : delay;
    }
}
