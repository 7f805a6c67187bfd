using Snapshots.Email;
using Snapshots.Messaging;
using Snapshots.Storage;
using Snapshots.Subscribers;

namespace Snapshots.Channels;

/// <summary>
/// Tells a subscriber that one of their delivery channels was disabled after too many failed deliveries in a row: which channel
/// (its name, kind and host, never its full URL, which may hold credentials), why (the failures and the last error) and how to
/// bring it back (add it again from the manage page or the command line). Keyed <c>channel-disabled:{channelId}</c>: one per
/// channel, however often the disabling is retried. Sent to a subscriber whatever their alert preference (it is about their setup),
/// not to a suppressed address.
/// </summary>
internal sealed class ChannelDisabledEmail(ChannelDirectory channels, SubscriberLinks links, EmailTemplates templates) : IEmailKind
{
    public const string Kind = "channel-disabled";

    public string Name => Kind;

    public bool ReachesSuppressed => false;

    public static EmailRequest Request(string subscriberId, string channelId, DateTimeOffset requestedAt) =>
        new(EmailRequest.CurrentVersion, Kind, subscriberId, $"{Kind}:{channelId}", RequestedAt: requestedAt);

    public bool IsWantedBy(SubscriberRecord subscriber) => true;

    public void Validate(EmailRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.MessageKey) || !request.MessageKey.StartsWith(Kind + ":", StringComparison.Ordinal)
            || !ChannelDirectory.IsChannelId(request.MessageKey[(Kind.Length + 1)..]))
            throw new MalformedMessageException(QueueNames.Emails, $"{Kind} message key '{Text.VisibleText.Bounded(request.MessageKey, 80)}' is not '{Kind}:ch_…' with a channel id");
    }

    public async Task<EmailDraft> ComposeAsync(EmailRequest request, SubscriberRecord subscriber, CancellationToken ct = default)
    {
        var channelId = request.MessageKey[(Kind.Length + 1)..];
        var channel = await channels.FindAsync(subscriber.SubscriberId, channelId, ct);
        var manage = await links.ManageAsync(subscriber.SubscriberId, ct);
        var view = new ChannelDisabledView(
            channel?.Name ?? $"channel {channelId} (removed since)",
            channelId,
            channel?.Kind ?? "",
            channel?.DisabledReason ?? channel?.LastError ?? "its deliveries kept failing",
            channel?.DisabledAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture) ?? "",
            manage.AbsoluteUri);
        var subject = $"Snapshots stopped delivering to {view.ChannelName}";
        var layout = new LayoutModel(subject, "Its deliveries kept failing; add it again once it works.",
            "You get this email because a delivery channel of your Snapshots subscription was disabled.");
        return new EmailDraft(new ComposedEmail(subject, templates.Html(Kind, view, layout), templates.Text(Kind, view, layout), Kind));
    }

    public Task SentAsync(SubscriberRecord subscriber, EmailDraft draft, CancellationToken ct = default) => Task.CompletedTask;
}

/// <summary>The channel-disabled email as its templates read it.</summary>
internal sealed record ChannelDisabledView(string ChannelName, string ChannelId, string ChannelKind, string Reason, string DisabledAt, string ManageLink);
