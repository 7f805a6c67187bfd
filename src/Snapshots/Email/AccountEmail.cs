using Snapshots.Catalog;
using Snapshots.Messaging;
using Snapshots.Subscribers;

namespace Snapshots.Email;

/// <summary>
/// The answer to a sign-up from an address that already subscribes: its manage link, what it follows and on which plan (so the
/// form never says whether an address is known). Keyed <c>account:{random}</c>: each such sign-up gets its own.
/// </summary>
internal sealed class AccountEmail(SubscriberLinks links, EmailTemplates templates, FollowDescriber describer, PublicSite site) : IEmailKind
{
    public const string Kind = "account";

    public string Name => Kind;

    public bool ReachesSuppressed => false;

    public static EmailRequest Request(string subscriberId, DateTimeOffset requestedAt) =>
        new(EmailRequest.CurrentVersion, Kind, subscriberId, MessageKeys.Of(Kind, SignedToken.NewNonce()), RequestedAt: requestedAt);

    public bool IsWantedBy(SubscriberRecord subscriber) => true;

    public void Validate(EmailRequest request) => MessageKeys.RequireKind(request, Kind);

    public async Task<EmailDraft> ComposeAsync(EmailRequest request, SubscriberRecord subscriber, CancellationToken ct = default)
    {
        var manage = await links.ManageAsync(subscriber.SubscriberId, ct);
        var follows = await describer.DescribeAsync(subscriber.Follows, ct);
        var view = new AccountView(manage.AbsoluteUri, subscriber.Plan, follows.Select(f => FollowView.Of(f, site)).ToList(), $"{(int)SubscriberLinks.ManageLifetime.TotalDays} days");
        var layout = new LayoutModel("You already subscribe to Snapshots", "Change what you follow from the link inside.",
            "You get this email because someone entered this address in the Snapshots sign-up form.");
        return new EmailDraft(new ComposedEmail("Your Snapshots subscription", templates.Html(Kind, view, layout), templates.Text(Kind, view, layout), Kind));
    }

    public Task SentAsync(SubscriberRecord subscriber, EmailDraft draft, CancellationToken ct = default) => Task.CompletedTask;
}
