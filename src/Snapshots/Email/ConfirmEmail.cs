using Snapshots.Catalog;
using Snapshots.Messaging;
using Snapshots.Subscribers;

namespace Snapshots.Email;

/// <summary>
/// The confirmation of a web sign-up: its single-use link and what will be followed (platforms, provisions, clause types, each
/// in words with a link to its page), keyed <c>confirm:{nonce}</c> (the nonce
/// the link carries). Never sent to a suppressed address: anyone can type an address into the form, and a sign-up does not
/// override its owner's unsubscribe (a confirmation queued before the unsubscribe is dropped too).
/// </summary>
internal sealed class ConfirmEmail(SubscriberLinks links, EmailTemplates templates, FollowDescriber describer, PublicSite site) : IEmailKind
{
    public const string Kind = "confirm";

    public string Name => Kind;

    public bool ReachesSuppressed => false;

    public static EmailRequest Request(string subscriberId, string nonce, DateTimeOffset requestedAt) =>
        new(EmailRequest.CurrentVersion, Kind, subscriberId, MessageKeys.Of(Kind, nonce), RequestedAt: requestedAt);

    public bool IsWantedBy(SubscriberRecord subscriber) => true;

    public void Validate(EmailRequest request) => MessageKeys.RequireKind(request, Kind);

    public async Task<EmailDraft> ComposeAsync(EmailRequest request, SubscriberRecord subscriber, CancellationToken ct = default)
    {
        var link = await links.ConfirmAsync(subscriber.SubscriberId, MessageKeys.RestOf(request.MessageKey, Kind), ct);
        // The form refused any unknown plan; one that is not a plan any more is refused here too, never shown as another.
        var plan = string.IsNullOrWhiteSpace(subscriber.PendingPlan) ? Plans.Free : Plans.Find(subscriber.PendingPlan);
        var follows = await describer.DescribeAsync(Follows.PendingOf(subscriber), ct);
        var view = new ConfirmView(link.AbsoluteUri, plan.Name, follows.Select(f => FollowView.Of(f, site)).ToList(),
            $"{(int)SubscriberLinks.ConfirmLifetime.TotalHours} hours");
        var layout = new LayoutModel("Confirm your Snapshots subscription", "One click confirms it; until then nothing is followed.",
            "You get this email because someone entered this address in the Snapshots sign-up form.");
        return new EmailDraft(new ComposedEmail("Confirm your Snapshots subscription", templates.Html(Kind, view, layout), templates.Text(Kind, view, layout), Kind));
    }

    public Task SentAsync(SubscriberRecord subscriber, EmailDraft draft, CancellationToken ct = default) => Task.CompletedTask;
}
