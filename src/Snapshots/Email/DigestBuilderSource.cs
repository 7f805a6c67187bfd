using Snapshots.Subscribers;
namespace Snapshots.Email;

/// <summary>
/// The digest data of <see cref="DigestBuilder"/>, mapped to the email's <see cref="DigestEmailModel"/>; a sent digest moves
/// the subscriber's window on through <see cref="SubscriberDirectory.MarkDigestSentAsync"/>.
/// A first version (a document starting to be tracked) is not reported as a change: it counts as verified at its capture time.
/// </summary>
public sealed class DigestBuilderSource(DigestBuilder builder, SubscriberDirectory directory) : IDigestSource
{
    public async Task<DigestEmailModel> BuildAsync(SubscriberRecord subscriber, DateTimeOffset now, CancellationToken ct = default) =>
        Map(await builder.BuildAsync(subscriber, now, ct), subscriber.Plan);

    public async Task MarkSentAsync(SubscriberRecord subscriber, DigestEmailModel digest, CancellationToken ct = default) =>
        await directory.MarkDigestSentAsync(subscriber.SubscriberId, digest.WindowEnd, ct);

    public static DigestEmailModel Map(DigestContent content, string? planName = null)
    {
        var platforms = content.Platforms.Select(p => new DigestPlatformChanges(p.Name, p.Changes.Where(c => !c.IsFirst).Select(c => new DigestEmailChange(
            c.Document.ToString(), c.TermsType, c.Sequence, c.CapturedAt, c.Sha256, c.WordsAdded, c.WordsRemoved, c.Summary, c.Url, c.Severity)).ToList())).ToList();
        // Verified: a successful check in the window found no change. A first version counts (tracking started, the check
        // succeeded) unless the same document also changed or is failing now; a changed document is listed as changed only.
        var unchanged = content.Platforms.SelectMany(p =>
                p.Unchanged.Where(d => d.VerifiedInWindow).Select(d => new DigestVerifiedDocument(p.Name, d.TermsType, d.LastCheckedAt))
                    .Concat(p.Changes.Where(c => c.IsFirst && !p.Changes.Any(o => o.Document == c.Document && !o.IsFirst) && p.Failing.All(f => f.Document != c.Document))
                        .Select(c => new DigestVerifiedDocument(p.Name, c.TermsType, c.CapturedAt))))
            .ToList();
        var notChecked = content.Platforms.SelectMany(p => p.Unchanged.Where(d => !d.VerifiedInWindow)
            .Select(d => new DigestUncheckedDocument(p.Name, d.TermsType, d.LastCheckedAt))).ToList();
        var failing = content.Platforms.SelectMany(p => p.Failing.Select(d => new DigestFailingDocument(p.Name, d.TermsType, d.FailingSince, d.LastError))).ToList();
        var weeks = content.WeeklyChanges.Select(w => new WeekCount(w.Week.ToString(), w.Week.Start, w.Changes)).ToList();
        return new DigestEmailModel(content.Week.ToString(), content.Window.Start, content.Window.End, platforms, unchanged, failing, weeks, notChecked, planName);
    }
}
