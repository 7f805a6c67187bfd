using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Snapshots.Messaging;

/// <summary>
/// When a parked message (one in a <c>{queue}-poison</c> queue after failing its dequeues) goes back to its queue, and when it
/// stops: the first re-drive waits <see cref="FirstDelay"/> after the message was parked, each next one twice as long as the
/// one before (at most <see cref="MaxDelay"/>), and after <see cref="MaxRedrives"/> re-drives the message stays parked for
/// good and is reported. The count travels in the message (<see cref="RedriveCount"/>), so it survives every move.
/// Settings <c>Redrive:MaxRedrives</c> (default 8), <c>Redrive:FirstDelay</c> (5 minutes), <c>Redrive:MaxDelay</c> (6 hours):
/// by default an alert is tried again for about 16 hours after its queue gave up on it.
/// </summary>
public sealed record RedrivePolicy(int MaxRedrives, TimeSpan FirstDelay, TimeSpan MaxDelay)
{
    public const string Section = "Redrive";
    public static readonly RedrivePolicy Default = new(8, TimeSpan.FromMinutes(5), TimeSpan.FromHours(6));

    /// <summary>How long a message parked after <paramref name="redrives"/> re-drives waits before the next one.</summary>
    public TimeSpan DelayAfter(int redrives)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(redrives);
        var delay = FirstDelay;
        for (var i = 0; i < redrives && delay < MaxDelay; i++) delay += delay;
        return delay < MaxDelay ? delay : MaxDelay;
    }

    /// <summary>When a message parked at <paramref name="parkedAt"/> after <paramref name="redrives"/> re-drives may go back.</summary>
    public DateTimeOffset DueAt(DateTimeOffset parkedAt, int redrives) => parkedAt + DelayAfter(redrives);

    /// <summary>True once a message has had every re-drive it gets: it stays parked.</summary>
    public bool IsExhausted(int redrives) => redrives >= MaxRedrives;

    /// <summary>The whole span a message is retried for after its first parking (the sum of every delay).</summary>
    public TimeSpan Span => Enumerable.Range(0, MaxRedrives).Aggregate(TimeSpan.Zero, (sum, n) => sum + DelayAfter(n));

    /// <summary>Reads the <c>Redrive</c> section; a value that is not a number or a positive time is named with the setting.</summary>
    public static RedrivePolicy From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var max = section["MaxRedrives"] is { } m
            ? int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 100 ? n
                : throw new InvalidOperationException($"{Section}:MaxRedrives '{m}' is not a whole number from 0 to 100")
            : Default.MaxRedrives;
        return new RedrivePolicy(max, Time(section, "FirstDelay", Default.FirstDelay), Time(section, "MaxDelay", Default.MaxDelay));
    }

    private static TimeSpan Time(IConfigurationSection section, string name, TimeSpan fallback)
    {
        if (section[name] is not { } text) return fallback;
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero
            ? value
            : throw new InvalidOperationException($"{Section}:{name} '{text}' is not a positive time such as 00:05:00");
    }
}
