using Microsoft.AspNetCore.Http;
using Snapshots.Email;
using Snapshots.Subscribers;
using Snapshots.Web.Http;
using Snapshots.Web.Pages;

namespace Snapshots.Web.Subscriptions;

/// <summary>
/// <c>/subscribe</c>: the sign-up form (email, plan, platforms, and the provisions and clause types a link asked for with
/// <c>?follow=WORD</c>, within the plan's limit). A valid post always answers the same page, whether the address is new,
/// awaiting confirmation, already subscribed or over its request limit: what happens next is said by email only. A follow
/// that is malformed or names nothing is refused by name (shortened, encoded) with status 422, and nothing is written.
/// </summary>
public static class SignUpPage
{
    public const string CheckInbox = "Check your inbox";
    public const string Path = "/subscribe";

    public sealed record View(string Csrf, string Email, IReadOnlyList<PlanChoice> Plans, IReadOnlyList<PlatformChoice> Platforms, string? PlatformsLine,
        HtmlFragment? PlatformsPager, IReadOnlyList<FollowChoices.Choice> Follows, bool HasClauseType, string? Error);

    public sealed record PlanChoice(string Name, string Description, bool Checked);

    public sealed record PlatformChoice(string Slug, string Name, bool Checked);

    /// <summary>The sign-up form with one follow ticked: <c>/subscribe?follow=platform/terms-type/slug</c> or <c>?follow=type:ID</c>.</summary>
    public static string FollowHref(string word) => $"{Path}?follow={Uri.EscapeDataString(word).Replace("%2F", "/", StringComparison.Ordinal).Replace("%3A", ":", StringComparison.Ordinal)}";

    public static async Task<IResult> GetAsync(HttpContext context, string? platform, string? page, ArchiveReader reader, FormTokens tokens, SubscriberDirectory directory,
        FollowDescriber describer, PageTemplates templates, CancellationToken ct)
    {
        var (asked, refusals) = await FollowChoices.ReadEachAsync(context.Request.Query["follow"], directory, ct);
        IReadOnlyList<string> platforms = [.. platform is null ? [] : new[] { platform }, .. asked.Platforms];
        return await FormAsync(context, reader, tokens, describer, templates, "", Plans.Free.Name, platforms, asked,
            refusals.Count == 0 ? null : string.Join(" ", refusals.Select(Sentence)), refusals.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity, ct, page);
    }

    public static async Task<IResult> PostAsync(HttpContext context, ArchiveReader reader, FormTokens tokens, SignUps signUps, SubscriberDirectory directory,
        FollowDescriber describer, PageTemplates templates, CancellationToken ct)
    {
        var (form, refusal) = await PostedForm.ReadAsync(context, templates, ct);
        if (form is null) return refusal!;
        var email = form["email"].ToString();
        var plan = form["plan"].ToString();
        var platforms = form["platform"].Where(p => p is not null).Select(p => p!).ToList();
        var follows = form["follow"];
        // Shown again after a refusal: the follows that exist, so that the one named can be left out.
        async Task<IResult> AgainAsync(string error, int status)
        {
            var (kept, _) = await FollowChoices.ReadEachAsync(follows, directory, ct);
            return await FormAsync(context, reader, tokens, describer, templates, email, plan, [.. platforms, .. kept.Platforms], kept, error, status, ct);
        }
        if (!await tokens.ValidAsync(context, form))
            return await AgainAsync("This form has expired or did not come from this site. Please send it again.", StatusCodes.Status400BadRequest);
        NewSubscriber subscriber;
        try
        {
            subscriber = await signUps.ValidateAsync(email, plan, platforms, follows, alerts: true, digest: true, ct);
        }
        catch (Exception e) when (e is SubscriberRefusedException or UnknownPlanException)
        {
            return await AgainAsync(Sentence(e.Message), StatusCodes.Status422UnprocessableEntity);
        }
        await signUps.RequestAsync(subscriber, ct);
        return MessagePage.Result(templates, CheckInbox,
        [
            "If this address can be subscribed, an email is on its way to it with what to do next.",
            "Nothing is followed and nothing else is sent until the link in that email is opened. The link works once.",
        ], linkText: "Back to the platforms", linkHref: "/");
    }

    private static async Task<IResult> FormAsync(HttpContext context, ArchiveReader reader, FormTokens tokens, FollowDescriber describer, PageTemplates templates,
        string email, string plan, IReadOnlyList<string> chosen, Follows follows, string? error, int status, CancellationToken ct, string? page = null)
    {
        // Another page of platforms keeps what the link asked for: the chosen platforms and the follows, as follow words.
        var carried = string.Concat(chosen.Distinct(StringComparer.Ordinal).Concat(follows.Words()).Distinct(StringComparer.Ordinal).Take(FollowWords.MaxWords)
            .Select(w => "&follow=" + Uri.EscapeDataString(w)));
        var platforms = PlatformChoices.Of(await reader.PlatformsAsync(ct), chosen.ToList(), page, templates, n => $"{Path}?page={n}{carried}");
        var plans = Plans.All.Select(p => new PlanChoice(p.Name, Describe(p),
            string.Equals(p.Name, plan, StringComparison.OrdinalIgnoreCase) || (plan.Length == 0 && p == Plans.Free))).ToList();
        var view = new View(await tokens.IssueAsync(context), email, plans, platforms.Choices, platforms.CountLine, platforms.Pager,
            await FollowChoices.OfAsync(follows, _ => true, describer, ct),
            follows.ClauseTypes.Count > 0, error);
        return new NoStoreHtml(templates.Page("subscribe", view, new PageLayout("Subscribe", [new Crumb("Platforms", "/"), new Crumb("Subscribe", null)])), status);
    }

    /// <summary>"watcher: up to 10 platforms, same-day alerts and the weekly digest".</summary>
    public static string Describe(Plan plan) =>
        $"{plan.Name}: up to {WebFormat.Count(plan.MaxPlatforms, "platform")}, {(plan.SameDayAlerts ? "same-day alerts and " : "")}the weekly digest";

    /// <summary>A refusal as a sentence: capitalised, ending with a full stop.</summary>
    public static string Sentence(string message) => message.Length == 0 ? message : char.ToUpperInvariant(message[0]) + message[1..] + (message.EndsWith('.') ? "" : ".");
}
