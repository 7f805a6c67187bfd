using Snapshots.Subscribers;
namespace Snapshots.Email;

/// <summary>Where a subscriber's digest data comes from, and how a sent digest moves the subscriber's window on.</summary>
public interface IDigestSource
{
    /// <summary>The digest of <paramref name="subscriber"/> as of <paramref name="now"/>: changes since the last digest (or 7 days), unchanged and failing documents, 12 weekly counts.</summary>
    Task<DigestEmailModel> BuildAsync(SubscriberRecord subscriber, DateTimeOffset now, CancellationToken ct = default);

    /// <summary>Records that the digest was sent, so the next one starts where this one ended.</summary>
    Task MarkSentAsync(SubscriberRecord subscriber, DigestEmailModel digest, CancellationToken ct = default);
}
