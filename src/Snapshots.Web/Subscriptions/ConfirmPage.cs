using Microsoft.AspNetCore.Http;
using Snapshots.Email;
using Snapshots.Subscribers;
using Snapshots.Web.Http;
using Snapshots.Web.Pages;

namespace Snapshots.Web.Subscriptions;

/// <summary>
/// <c>/subscribe/confirm?token=…</c>: opening the link shows one button; pressing it confirms (a POST, so a mail scanner that
/// fetches links confirms nothing). The link works once: a second use, or a link replaced by a newer request, does nothing.
/// </summary>
public static class ConfirmPage
{
    public sealed record View(string Token, string Csrf);

    public static async Task<IResult> GetAsync(HttpContext context, string? token, SubscriberLinks links, FormTokens tokens, PageTemplates templates, CancellationToken ct)
    {
        if (await links.ReadAsync(token, SubscriberLinks.ConfirmPurpose, ct) is null) return Invalid(templates);
        return new NoStoreHtml(templates.Page("confirm", new View(token!, await tokens.IssueAsync(context)),
            new PageLayout("Confirm your subscription", [new Crumb("Platforms", "/"), new Crumb("Confirm", null)])));
    }

    public static async Task<IResult> PostAsync(HttpContext context, FormTokens tokens, SignUps signUps, SubscriberLinks links, FollowDescriber describer,
        PageTemplates templates, CancellationToken ct)
    {
        var (form, refusal) = await PostedForm.ReadAsync(context, templates, ct);
        if (form is null) return refusal!;
        if (!await tokens.ValidAsync(context, form))
            return MessagePage.Result(templates, "Please try again", ["This form has expired or did not come from this site. Open the link in the email again."], StatusCodes.Status400BadRequest);
        var confirmed = await signUps.ConfirmAsync(form["token"].ToString(), ct);
        if (confirmed is null) return Invalid(templates);
        var manage = await links.ManageAsync(confirmed.SubscriberId, ct);
        var follows = await describer.DescribeAsync(confirmed.Follows, ct);
        return MessagePage.Result(templates, "Subscription confirmed",
        [
            $"On the {confirmed.Plan} plan you follow:",
            .. follows.Select(f => $"{f.Name}: {f.Detail}."),
            "Every email has a link to change this and a link to unsubscribe.",
        ], linkText: "Manage your subscription", linkHref: manage.PathAndQuery);
    }

    private static IResult Invalid(PageTemplates templates) => MessagePage.Result(templates, "This link does not work any more",
        ["A confirmation link works once and for two days, and a newer sign-up replaces it. Sign up again to get a new one."],
        StatusCodes.Status410Gone, "Sign up", "/subscribe");
}
