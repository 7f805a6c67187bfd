using Snapshots.Messaging;
using Snapshots.Subscribers;

namespace Snapshots.Email;

/// <summary>
/// The two emails of self-service subscriptions: the confirmation of a sign-up (its single-use link, what will be followed)
/// and, when the address already subscribes, a note with the manage link (so the form never says whether an address is known).
/// </summary>
public sealed class SubscriptionEmails(SubscriberLinks links, EmailTemplates templates)
{
    public async Task<ComposedEmail> ComposeAsync(EmailRequest request, SubscriberRecord subscriber, CancellationToken ct = default)
    {
        if (request.Kind == EmailRequest.Confirm)
        {
            var nonce = request.MessageKey[(EmailRequest.Confirm.Length + 1)..];
            var link = await links.ConfirmAsync(subscriber.SubscriberId, nonce, ct);
            // The form refused any unknown plan; one that is not a plan any more is refused here too, never shown as another.
            var plan = string.IsNullOrWhiteSpace(subscriber.PendingPlan) ? Plans.Free : Plans.Find(subscriber.PendingPlan);
            var view = new ConfirmView(link.AbsoluteUri, plan.Name, string.Join(", ", FollowedPlatforms.Normalize([subscriber.PendingPlatforms ?? ""])),
                $"{(int)SubscriberLinks.ConfirmLifetime.TotalHours} hours");
            var layout = new LayoutModel("Confirm your Snapshots subscription", "One click confirms it; until then nothing is followed.",
                "You get this email because someone entered this address in the Snapshots sign-up form.");
            return new ComposedEmail("Confirm your Snapshots subscription", templates.Html("confirm", view, layout), templates.Text("confirm", view, layout), EmailRequest.Confirm);
        }
        var manage = await links.ManageAsync(subscriber.SubscriberId, ct);
        var account = new AccountView(manage.AbsoluteUri, subscriber.Plan, string.Join(", ", subscriber.PlatformList), $"{(int)SubscriberLinks.ManageLifetime.TotalDays} days");
        var accountLayout = new LayoutModel("You already subscribe to Snapshots", "Change what you follow from the link inside.",
            "You get this email because someone entered this address in the Snapshots sign-up form.");
        return new ComposedEmail("Your Snapshots subscription", templates.Html("account", account, accountLayout), templates.Text("account", account, accountLayout), EmailRequest.Account);
    }
}

public sealed record ConfirmView(string Link, string Plan, string Platforms, string ValidFor);

public sealed record AccountView(string ManageLink, string Plan, string Platforms, string ValidFor);
