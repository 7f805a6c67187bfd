using Snapshots.Messaging;
using Snapshots.Subscribers;

namespace Snapshots.Email;

/// <summary>
/// The weekly digest of a subscriber's followed platforms, keyed <c>digest:{isoWeek}</c> (e.g. <c>digest:2026-W47</c>), so a
/// week gets one digest however often it is scheduled. Wanted while the digest is on. It covers the subscriber's window up to
/// the time it is composed (<see cref="DigestWindow"/>); once sent, the next window starts where this one ended.
/// </summary>
public sealed class DigestEmail(DigestBuilder builder, DigestComposer composer, SubscriberDirectory directory, TimeProvider clock) : IEmailKind
{
    public const string Kind = "digest";

    public string Name => Kind;

    public bool ReachesSuppressed => false;

    public static string KeyFor(string isoWeek) => MessageKeys.Of(Kind, isoWeek);

    public static EmailRequest Request(string subscriberId, string isoWeek, DateTimeOffset requestedAt) =>
        new(EmailRequest.CurrentVersion, Kind, subscriberId, KeyFor(isoWeek), IsoWeek: isoWeek, RequestedAt: requestedAt);

    public bool IsWantedBy(SubscriberRecord subscriber) => subscriber.DigestEnabled;

    public void Validate(EmailRequest request) => MessageKeys.RequireKind(request, Kind);

    /// <summary>The subscriber's digest as of <paramref name="now"/>, without sending it or moving the window (<c>snapshots digest --preview</c>).</summary>
    public async Task<ComposedEmail> PreviewAsync(SubscriberRecord subscriber, DateTimeOffset now, CancellationToken ct = default) =>
        (await DraftAsync(subscriber, now, ct)).Content;

    async Task<EmailDraft> IEmailKind.ComposeAsync(EmailRequest request, SubscriberRecord subscriber, CancellationToken ct) =>
        await DraftAsync(subscriber, clock.GetUtcNow(), ct);

    async Task IEmailKind.SentAsync(SubscriberRecord subscriber, EmailDraft draft, CancellationToken ct)
    {
        if (draft.ReportsThrough is { } through) await directory.MarkDigestSentAsync(subscriber.SubscriberId, through, ct);
    }

    private async Task<EmailDraft> DraftAsync(SubscriberRecord subscriber, DateTimeOffset now, CancellationToken ct)
    {
        var model = DigestEmailModel.From(await builder.BuildAsync(subscriber, now, ct), subscriber.Plan);
        return new EmailDraft(composer.Render(model), model.WindowEnd);
    }
}
