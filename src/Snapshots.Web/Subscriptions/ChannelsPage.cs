using Microsoft.AspNetCore.Http;
using Snapshots.Channels;
using Snapshots.Subscribers;
using Snapshots.Web.Http;
using Snapshots.Web.Pages;

namespace Snapshots.Web.Subscriptions;

/// <summary>
/// <c>/subscription/channels?token=…</c>, linked from the manage page and behind the same signed manage link and form token:
/// the subscriber's delivery channels (webhooks, Slack, Teams) listed by id, kind, host and state; a form to add one (a webhook's
/// signing secret is shown on the answer to that post, once, and never again); a test delivery and removal per channel. A plan
/// without channels is told so by name, and its posts are refused the same way; every refusal names what and why.
/// </summary>
public static class ChannelsPage
{
    public const string Path = SubscriberLinks.ManagePath + "/channels";

    public sealed record View(string Token, string Csrf, string Email, string ManageHref, bool Allowed, string PlanLine, IReadOnlyList<Row> Channels,
        IReadOnlyList<string> Kinds, string? Notice, string? Secret, string? Error);

    public sealed record Row(string Id, string Kind, string Name, string Address, string State, int Failures, string LastError);

    public static async Task<IResult> GetAsync(HttpContext context, string? token, SubscriberLinks links, SubscriberDirectory directory,
        ChannelDirectory channels, FormTokens tokens, PageTemplates templates, CancellationToken ct)
    {
        var profile = await ManagedSubscriber.FindAsync(token, links, directory, ct);
        if (profile is null) return Invalid(templates);
        return await PageAsync(context, token!, profile, null, null, null, StatusCodes.Status200OK, channels, tokens, templates, ct);
    }

    public static async Task<IResult> PostAsync(HttpContext context, SubscriberLinks links, SubscriberDirectory directory, ChannelDirectory channels,
        ChannelTest test, FormTokens tokens, PageTemplates templates, CancellationToken ct)
    {
        var (form, refusal) = await PostedForm.ReadAsync(context, templates, ct);
        if (form is null) return refusal!;
        var token = form["token"].ToString();
        var profile = await ManagedSubscriber.FindAsync(token, links, directory, ct);
        if (profile is null) return Invalid(templates);
        if (!await tokens.ValidAsync(context, form))
            return await PageAsync(context, token, profile, null, null, "This form has expired or did not come from this site. Please send it again.",
                StatusCodes.Status400BadRequest, channels, tokens, templates, ct);
        try
        {
            switch (form["action"].ToString())
            {
                case "add":
                    var added = await channels.AddAsync(profile.SubscriberId, form["kind"].ToString(), form["url"].ToString(), form["name"].ToString(), ct);
                    return await PageAsync(context, token, profile, $"Added {added.Channel.Name} as {added.Channel.ChannelId}.", added.Secret, null,
                        StatusCodes.Status200OK, channels, tokens, templates, ct);
                case "test":
                    var channel = await channels.GetAsync(profile.SubscriberId, form["channel"].ToString(), ct);
                    var result = await test.SendAsync(channel, ct);
                    return result.Outcome == ChannelSendOutcome.Delivered
                        ? await PageAsync(context, token, profile, $"Test delivered to {channel.Name}: the receiver answered {result.Status}.", null, null, StatusCodes.Status200OK, channels, tokens, templates, ct)
                        : await PageAsync(context, token, profile, null, null, SignUpPage.Sentence($"The test did not reach {channel.Name}: {result.Detail}"), StatusCodes.Status200OK, channels, tokens, templates, ct);
                case "remove":
                    var removed = await channels.GetAsync(profile.SubscriberId, form["channel"].ToString(), ct);
                    await channels.RemoveAsync(profile.SubscriberId, removed.ChannelId, ct);
                    return await PageAsync(context, token, profile, $"Removed {removed.Name}.", null, null, StatusCodes.Status200OK, channels, tokens, templates, ct);
                default:
                    return await PageAsync(context, token, profile, null, null, "Choose add, test or remove.", StatusCodes.Status400BadRequest, channels, tokens, templates, ct);
            }
        }
        catch (SubscriberRefusedException e)
        {
            return await PageAsync(context, token, profile, null, null, SignUpPage.Sentence(e.Message), StatusCodes.Status422UnprocessableEntity, channels, tokens, templates, ct);
        }
    }

    private static async Task<IResult> PageAsync(HttpContext context, string token, SubscriberRecord profile, string? notice, string? secret, string? error, int status,
        ChannelDirectory channels, FormTokens tokens, PageTemplates templates, CancellationToken ct)
    {
        var allowed = ChannelFanOut.InPlan(profile);
        var rows = (await channels.ListAsync(profile.SubscriberId, ct)).Select(c => new Row(c.ChannelId, c.Kind, c.Label, c.ShownUrl,
            c.Enabled ? "enabled" : $"disabled since {WebFormat.Time(c.DisabledAt)}: {c.DisabledReason}", c.ConsecutiveFailures, c.LastError ?? "")).ToList();
        var planLine = allowed
            ? $"Alerts also go to these channels on the {profile.Plan} plan."
            : $"The {profile.Plan} plan has no delivery channels: webhooks, Slack and Teams come with the {string.Join(" and ", Plans.All.Where(p => p.DeliveryChannels).Select(p => p.Name))} plans.";
        var view = new View(token, await tokens.IssueAsync(context), EmailAddress.Parse(profile.Email).Masked,
            $"{SubscriberLinks.ManagePath}?token={Uri.EscapeDataString(token)}", allowed, planLine, rows, ChannelKind.All, notice, secret, error);
        return new NoStoreHtml(templates.Page("channels", view, new PageLayout("Delivery channels",
            [new Crumb("Platforms", "/"), new Crumb("Your subscription", view.ManageHref), new Crumb("Delivery channels", null)])), status);
    }

    private static IResult Invalid(PageTemplates templates) => MessagePage.Result(templates, "This link does not work any more",
        ["Links to manage a subscription work for seven days. Every new email carries a fresh one."], StatusCodes.Status410Gone);
}
