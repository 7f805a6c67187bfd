using Microsoft.AspNetCore.Http;
using Snapshots.Subscribers;
using Snapshots.Web.Http;
using Snapshots.Web.Pages;

namespace Snapshots.Web.Subscriptions;

/// <summary>
/// <c>/subscription?token=…</c>: reached from the signed, expiring link in every email. Change the plan, the platforms followed
/// (within the plan's limit) and which emails come, or stop all email.
/// </summary>
public static class ManagePage
{
    public sealed record View(string Token, string Csrf, string Email, string State, IReadOnlyList<SignUpPage.PlanChoice> Plans,
        IReadOnlyList<SignUpPage.PlatformChoice> Platforms, bool Alerts, bool Digest, string? Notice, string? Error, string UnsubscribeAction);

    public static async Task<IResult> GetAsync(HttpContext context, string? token, SubscriberLinks links, SubscriberDirectory directory,
        ArchiveReader reader, FormTokens tokens, PageTemplates templates, CancellationToken ct)
    {
        var read = await links.ReadAsync(token, SubscriberLinks.ManagePurpose, ct);
        var profile = read is null ? null : await directory.FindByIdAsync(read.Subject, ct);
        if (profile is null) return Invalid(templates);
        return await PageAsync(context, token!, profile, profile.Plan, profile.PlatformList, profile.AlertsEnabled, profile.DigestEnabled, null, null,
            StatusCodes.Status200OK, links, reader, tokens, templates, ct);
    }

    public static async Task<IResult> PostAsync(HttpContext context, SubscriberLinks links, SubscriberDirectory directory, ArchiveReader reader,
        FormTokens tokens, PageTemplates templates, CancellationToken ct)
    {
        var form = await context.Request.ReadFormAsync(ct);
        var token = form["token"].ToString();
        var read = await links.ReadAsync(token, SubscriberLinks.ManagePurpose, ct);
        var profile = read is null ? null : await directory.FindByIdAsync(read.Subject, ct);
        if (profile is null) return Invalid(templates);
        var plan = form["plan"].ToString();
        var wanted = FollowedPlatforms.Normalize(form["platform"].Where(p => p is not null).Select(p => p!));
        var alerts = form["alerts"].Count > 0;
        var digest = form["digest"].Count > 0;
        if (!await tokens.ValidAsync(context, form))
            return await PageAsync(context, token, profile, plan, wanted, alerts, digest, null, "This form has expired or did not come from this site. Please send it again.",
                StatusCodes.Status400BadRequest, links, reader, tokens, templates, ct);
        try
        {
            var chosen = NewSubscriber.Validate(profile.Email, plan, wanted, alerts, digest, await KnownAsync(reader, ct));
            var id = profile.SubscriberId;
            var dropping = profile.PlatformList.Except(chosen.Platforms, StringComparer.Ordinal).ToList();
            if (dropping.Count > 0) await directory.UnfollowAsync(id, dropping, ct);
            await directory.SetPlanAsync(id, chosen.Plan.Name, ct);
            var adding = chosen.Platforms.Except(profile.PlatformList, StringComparer.Ordinal).ToList();
            if (adding.Count > 0) await directory.FollowAsync(id, adding, ct);
            profile = await directory.SetPreferencesAsync(id, alerts, digest, ct);
        }
        catch (Exception e) when (e is SubscriberRefusedException or UnknownPlanException)
        {
            return await PageAsync(context, token, profile, plan, wanted, alerts, digest, null, e.Message, StatusCodes.Status422UnprocessableEntity, links, reader, tokens, templates, ct);
        }
        return await PageAsync(context, token, profile, profile.Plan, profile.PlatformList, profile.AlertsEnabled, profile.DigestEnabled, "Saved.", null,
            StatusCodes.Status200OK, links, reader, tokens, templates, ct);
    }

    private static async Task<IReadOnlySet<string>> KnownAsync(ArchiveReader reader, CancellationToken ct) =>
        (await reader.PlatformsAsync(ct)).Select(p => p.Slug).ToHashSet(StringComparer.Ordinal);

    private static async Task<IResult> PageAsync(HttpContext context, string token, SubscriberRecord profile, string plan, IReadOnlyList<string> chosen,
        bool alerts, bool digest, string? notice, string? error, int status, SubscriberLinks links, ArchiveReader reader, FormTokens tokens, PageTemplates templates, CancellationToken ct)
    {
        var platforms = (await reader.PlatformsAsync(ct)).OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .Select(p => new SignUpPage.PlatformChoice(p.Slug, p.Name, chosen.Contains(p.Slug, StringComparer.Ordinal))).ToList();
        var plans = Plans.All.Select(p => new SignUpPage.PlanChoice(p.Name,
            $"{p.Name}: up to {WebFormat.Count(p.MaxPlatforms, "platform")}, {(p.SameDayAlerts ? "same-day alerts and " : "")}the weekly digest",
            string.Equals(p.Name, plan, StringComparison.OrdinalIgnoreCase))).ToList();
        var state = profile.Suppressed ? $"Unsubscribed since {WebFormat.Time(profile.UnsubscribedAt)}: no email is sent. Sign up again to come back."
            : profile.AwaitingConfirmation ? "Awaiting confirmation: open the link in the confirmation email. Nothing is followed until then."
            : $"Active: following {(profile.PlatformList.Count == 0 ? "nothing" : string.Join(", ", profile.PlatformList))} on the {profile.Plan} plan.";
        var unsubscribe = await links.UnsubscribeAsync(profile.SubscriberId, ct);
        var view = new View(token, await tokens.IssueAsync(context), EmailAddress.Parse(profile.Email).Masked, state, plans, platforms, alerts, digest, notice, error,
            unsubscribe.PathAndQuery);
        return new NoStoreHtml(templates.Page("manage", view, new PageLayout("Your subscription", [new Crumb("Platforms", "/"), new Crumb("Your subscription", null)])), status);
    }

    private static IResult Invalid(PageTemplates templates) => MessagePage.Result(templates, "This link does not work any more",
        ["Links to manage a subscription work for seven days. Every new email carries a fresh one."], StatusCodes.Status410Gone);
}
