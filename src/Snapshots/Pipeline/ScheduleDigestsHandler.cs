using Microsoft.Extensions.Logging;
using Snapshots.Email;
using Snapshots.Messaging;
using Snapshots.Storage;
using Snapshots.Subscribers;

namespace Snapshots.Pipeline;

/// <summary>
/// Timer (weekly): one <see cref="EmailRequest"/> (a <see cref="DigestEmail"/>, keyed by the ISO week of <c>now</c>) per subscriber with the
/// digest on, following at least one platform, and not suppressed. Running twice in a week enqueues the same keys again;
/// the sender's delivery rows absorb the duplicates.
/// </summary>
public sealed class ScheduleDigestsHandler(SubscriberDirectory directory, QueuePublisher publisher, ILogger<ScheduleDigestsHandler> log)
{
    public async Task<int> RunAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        var week = IsoWeek.Of(now).ToString();
        var subscribers = await directory.ListAsync(ct);
        var due = subscribers.Where(EmailEligibility.GetsDigest).ToList();
        foreach (var subscriber in due)
        {
            await publisher.SendAsync(QueueNames.Emails, DigestEmail.Request(subscriber.SubscriberId, week, now), ct: ct);
        }
        log.LogInformation("Digests for {Week}: {Due} of {Total} subscribers", week, due.Count, subscribers.Count);
        return due.Count;
    }
}
