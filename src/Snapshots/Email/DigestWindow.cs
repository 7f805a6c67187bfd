using Snapshots.Subscribers;
namespace Snapshots.Email;

/// <summary>
/// The time a subscriber's digest covers, <see cref="Start"/> inclusive to <see cref="End"/> exclusive: from the end of the
/// last digest sent (<see cref="SubscriberRecord.LastDigestThrough"/>), or the last <see cref="DefaultLength"/> for a first
/// digest, up to now. The next digest starts where this one ends, so no change is reported twice or missed.
/// </summary>
public sealed record DigestWindow(DateTimeOffset Start, DateTimeOffset End)
{
    public static readonly TimeSpan DefaultLength = TimeSpan.FromDays(7);

    public static DigestWindow For(DateTimeOffset? lastDigestThrough, DateTimeOffset now)
    {
        var start = lastDigestThrough ?? now - DefaultLength;
        return new DigestWindow(start > now ? now : start, now);
    }

    public static DigestWindow For(SubscriberRecord subscriber, DateTimeOffset now) => For(subscriber.LastDigestThrough, now);

    public TimeSpan Length => End - Start;

    public bool Contains(DateTimeOffset time) => time >= Start && time < End;
}
