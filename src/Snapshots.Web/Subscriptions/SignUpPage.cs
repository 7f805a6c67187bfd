using Microsoft.AspNetCore.Http;
using Snapshots.Email;
using Snapshots.Subscribers;
using Snapshots.Web.Http;
using Snapshots.Web.Pages;

namespace Snapshots.Web.Subscriptions;

/// <summary>
/// <c>/subscribe</c>: the sign-up form (email, plan, platforms within the plan's limit). A valid post always answers the same
/// page, whether the address is new, awaiting confirmation, already subscribed or over its request limit: what happens next
/// is said by email only.
/// </summary>
public static class SignUpPage
{
    public const string CheckInbox = "Check your inbox";

    public sealed record View(string Csrf, string Email, IReadOnlyList<PlanChoice> Plans, IReadOnlyList<PlatformChoice> Platforms, string? Error);

    public sealed record PlanChoice(string Name, string Description, bool Checked);

    public sealed record PlatformChoice(string Slug, string Name, bool Checked);

    public static async Task<IResult> GetAsync(HttpContext context, string? platform, ArchiveReader reader, FormTokens tokens, PageTemplates templates, CancellationToken ct) =>
        await FormAsync(context, reader, tokens, templates, "", Plans.Free.Name, platform is null ? [] : [platform], null, StatusCodes.Status200OK, ct);

    public static async Task<IResult> PostAsync(HttpContext context, ArchiveReader reader, FormTokens tokens, SignUps signUps, PageTemplates templates, CancellationToken ct)
    {
        var form = await context.Request.ReadFormAsync(ct);
        var email = form["email"].ToString();
        var plan = form["plan"].ToString();
        var platforms = form["platform"].Where(p => p is not null).Select(p => p!).ToList();
        if (!await tokens.ValidAsync(context, form))
            return await FormAsync(context, reader, tokens, templates, email, plan, platforms,
                "This form has expired or did not come from this site. Please send it again.", StatusCodes.Status400BadRequest, ct);
        NewSubscriber subscriber;
        try
        {
            subscriber = await signUps.ValidateAsync(email, plan, platforms, alerts: true, digest: true, ct);
        }
        catch (Exception e) when (e is SubscriberRefusedException or UnknownPlanException)
        {
            return await FormAsync(context, reader, tokens, templates, email, plan, platforms, Sentence(e.Message), StatusCodes.Status422UnprocessableEntity, ct);
        }
        await signUps.RequestAsync(subscriber, ct);
        return MessagePage.Result(templates, CheckInbox,
        [
            "If this address can be subscribed, an email is on its way to it with what to do next.",
            "Nothing is followed and nothing else is sent until the link in that email is opened. The link works once.",
        ], linkText: "Back to the platforms", linkHref: "/");
    }

    private static async Task<IResult> FormAsync(HttpContext context, ArchiveReader reader, FormTokens tokens, PageTemplates templates,
        string email, string plan, IReadOnlyList<string> chosen, string? error, int status, CancellationToken ct)
    {
        var platforms = (await reader.PlatformsAsync(ct)).OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .Select(p => new PlatformChoice(p.Slug, p.Name, chosen.Contains(p.Slug, StringComparer.Ordinal))).ToList();
        var plans = Plans.All.Select(p => new PlanChoice(p.Name,
            $"{p.Name}: up to {WebFormat.Count(p.MaxPlatforms, "platform")}, {(p.SameDayAlerts ? "same-day alerts and " : "")}the weekly digest",
            string.Equals(p.Name, plan, StringComparison.OrdinalIgnoreCase) || (plan.Length == 0 && p == Plans.Free))).ToList();
        var view = new View(await tokens.IssueAsync(context), email, plans, platforms, error);
        return new NoStoreHtml(templates.Page("subscribe", view, new PageLayout("Subscribe", [new Crumb("Platforms", "/"), new Crumb("Subscribe", null)])), status);
    }

    private static string Sentence(string message) => message.Length == 0 ? message : char.ToUpperInvariant(message[0]) + message[1..] + (message.EndsWith('.') ? "" : ".");
}
