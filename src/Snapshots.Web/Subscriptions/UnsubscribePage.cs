using Microsoft.AspNetCore.Http;
using Snapshots.Email;
using Snapshots.Subscribers;
using Snapshots.Web.Pages;

namespace Snapshots.Web.Subscriptions;

/// <summary>
/// <c>/unsubscribe?token=…</c>, the <c>List-Unsubscribe</c> URL of every email. GET shows one button; POST unsubscribes at once
/// (RFC 8058 one-click: a mail client posts <c>List-Unsubscribe=One-Click</c> with no cookie, so the signed token is the only
/// credential). The subscriber is suppressed: no alert, digest or other email is sent to them again, and a sign-up typed into
/// the form by anyone does not change that. The link (valid a year) is also the owner's way back: once unsubscribed, it leads
/// to the manage page, where "Subscribe again" turns email back on.
/// </summary>
public static class UnsubscribePage
{
    public sealed record View(string Action);

    public static async Task<IResult> GetAsync(HttpContext context, string? token, SubscriberLinks links, SubscriberDirectory directory, PageTemplates templates,
        CancellationToken ct)
    {
        if (await links.ReadAsync(token, SubscriberLinks.UnsubscribePurpose, ct) is not { } read) return Invalid(templates);
        if (await directory.FindByIdAsync(read.Subject, ct) is { Suppressed: true } profile) return await UnsubscribedAsync(profile.SubscriberId, links, templates, ct);
        return new NoStoreHtml(templates.Page("unsubscribe", new View($"{SubscriberLinks.UnsubscribePath}?token={Uri.EscapeDataString(token!)}"),
            new PageLayout("Unsubscribe", [new Crumb("Platforms", "/"), new Crumb("Unsubscribe", null)])));
    }

    public static async Task<IResult> PostAsync(string? token, SignUps signUps, SubscriberLinks links, PageTemplates templates, CancellationToken ct)
    {
        if (!await signUps.UnsubscribeAsync(token, ct)) return Invalid(templates);
        var read = await links.ReadAsync(token, SubscriberLinks.UnsubscribePurpose, ct);
        return await UnsubscribedAsync(read!.Subject, links, templates, ct);
    }

    /// <summary>Says the address gets no more email, and how its owner (who holds this link) can turn it back on.</summary>
    private static async Task<IResult> UnsubscribedAsync(string subscriberId, SubscriberLinks links, PageTemplates templates, CancellationToken ct)
    {
        var manage = await links.ManageAsync(subscriberId, ct);
        return MessagePage.Result(templates, "You are unsubscribed",
        [
            "No more email will be sent to this address, and signing it up again from the form will not change that, whoever does it.",
            "Changed your mind? Open your subscription and tick \u201cSubscribe again\u201d. This unsubscribe link, in any email you received in the last year, leads back here.",
        ], linkText: "Manage your subscription", linkHref: manage.PathAndQuery);
    }

    private static IResult Invalid(PageTemplates templates) => MessagePage.Result(templates, "This unsubscribe link is not valid",
        ["It may be damaged or older than a year. Use the link in a recent email, or reply to it."], StatusCodes.Status400BadRequest);
}
