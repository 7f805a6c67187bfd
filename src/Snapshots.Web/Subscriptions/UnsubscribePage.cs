using Microsoft.AspNetCore.Http;
using Snapshots.Email;
using Snapshots.Subscribers;
using Snapshots.Web.Pages;

namespace Snapshots.Web.Subscriptions;

/// <summary>
/// <c>/unsubscribe?token=…</c>, the <c>List-Unsubscribe</c> URL of every email. GET shows one button; POST unsubscribes at once
/// (RFC 8058 one-click: a mail client posts <c>List-Unsubscribe=One-Click</c> with no cookie, so the signed token is the only
/// credential). The subscriber is suppressed: no alert, digest or other email is sent to them again.
/// </summary>
public static class UnsubscribePage
{
    public sealed record View(string Action);

    public static async Task<IResult> GetAsync(HttpContext context, string? token, SubscriberLinks links, PageTemplates templates, CancellationToken ct)
    {
        if (await links.ReadAsync(token, SubscriberLinks.UnsubscribePurpose, ct) is null) return Invalid(templates);
        return new NoStoreHtml(templates.Page("unsubscribe", new View($"{SubscriberLinks.UnsubscribePath}?token={Uri.EscapeDataString(token!)}"),
            new PageLayout("Unsubscribe", [new Crumb("Platforms", "/"), new Crumb("Unsubscribe", null)])));
    }

    public static async Task<IResult> PostAsync(string? token, SignUps signUps, PageTemplates templates, CancellationToken ct)
    {
        if (!await signUps.UnsubscribeAsync(token, ct)) return Invalid(templates);
        return MessagePage.Result(templates, "You are unsubscribed", ["No more email will be sent to this address. Signing up again from the form needs a new confirmation."],
            linkText: "Back to the platforms", linkHref: "/");
    }

    private static IResult Invalid(PageTemplates templates) => MessagePage.Result(templates, "This unsubscribe link is not valid",
        ["It may be damaged or older than a year. Use the link in a recent email, or reply to it."], StatusCodes.Status400BadRequest);
}
