using Microsoft.AspNetCore.Http;
using Snapshots.Subscribers;
using Snapshots.Web.Http;
using Snapshots.Web.Pages;

namespace Snapshots.Web.Subscriptions;

/// <summary>
/// <c>/subscription?token=…</c>: reached from the signed, expiring link in every email. Shows everything followed (platforms,
/// provisions and clause types, each linked to its page); changes the plan, the platforms followed whole, which provisions and
/// clause types stay followed, and which emails come, within the plan's limit (a provision counts as its platform; a plan
/// too small for what stays followed is refused naming it); or stops all email.
/// </summary>
public static class ManagePage
{
    public sealed record View(string Token, string Csrf, string Email, string State, string? Counted, IReadOnlyList<Followed> Following,
        IReadOnlyList<string> Warnings, IReadOnlyList<SignUpPage.PlanChoice> Plans, IReadOnlyList<SignUpPage.PlatformChoice> Platforms, string? PlatformsLine, HtmlFragment? PlatformsPager,
        IReadOnlyList<FollowChoices.Choice> Follows, bool Alerts, bool Digest, string? Notice, string? Error, string UnsubscribeAction, bool Suppressed);

    /// <summary>One thing followed, as the list at the top of the page shows it.</summary>
    public sealed record Followed(string Name, string Detail, string Href);

    public static async Task<IResult> GetAsync(HttpContext context, string? token, string? page, SubscriberLinks links, SubscriberDirectory directory,
        ArchiveReader reader, FollowDescriber describer, FormTokens tokens, PageTemplates templates, CancellationToken ct)
    {
        var profile = await ManagedSubscriber.FindAsync(token, links, directory, ct);
        if (profile is null) return Invalid(templates);
        return await PageAsync(context, token!, profile, new Choice(profile.Plan, profile.PlatformList, profile.Follows.Words().ToHashSet(StringComparer.Ordinal),
            profile.AlertsEnabled, profile.DigestEnabled), null, null, StatusCodes.Status200OK, links, reader, describer, tokens, templates, ct, page);
    }

    public static async Task<IResult> PostAsync(HttpContext context, SubscriberLinks links, SubscriberDirectory directory, ArchiveReader reader,
        FollowDescriber describer, FormTokens tokens, PageTemplates templates, CancellationToken ct)
    {
        var (form, refusal) = await PostedForm.ReadAsync(context, templates, ct);
        if (form is null) return refusal!;
        var token = form["token"].ToString();
        var profile = await ManagedSubscriber.FindAsync(token, links, directory, ct);
        if (profile is null) return Invalid(templates);
        var posted = new Choice(form["plan"].ToString(), FollowedPlatforms.Normalize(form["platform"].Where(p => p is not null).Select(p => p!)),
            form["follow"].Where(w => w is not null).Select(w => w!.Trim().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal),
            form["alerts"].Count > 0, form["digest"].Count > 0);
        if (!await tokens.ValidAsync(context, form))
            return await PageAsync(context, token, profile, posted, null, "This form has expired or did not come from this site. Please send it again.",
                StatusCodes.Status400BadRequest, links, reader, describer, tokens, templates, ct);
        try
        {
            var plan = Plans.Find(posted.Plan);
            var current = profile.Follows;
            // What stays followed is read as stored (however many there are); only a word not followed yet is read as new input.
            var followed = current.Words().ToHashSet(StringComparer.Ordinal);
            var wanted = new Follows(posted.Platforms, [], [])
                .Plus(Follows.Parse(posted.FollowWords.Where(followed.Contains)))
                .Plus(FollowWords.Read(form["follow"].Where(w => w is not null && !followed.Contains(w.Trim().ToLowerInvariant()))));
            FollowedPlatforms.EnsureKnown(wanted.Platforms, await KnownAsync(reader, ct));
            if (wanted.CountedPlatforms.Count > plan.MaxPlatforms) throw PlanLimitException.Counted(plan, wanted);
            var adding = wanted.Minus(current);
            var dropping = current.Minus(wanted);
            await directory.EnsureExistAsync(adding, ct);
            var id = profile.SubscriberId;
            if (dropping.Words().Any()) await directory.UnfollowAsync(id, dropping.Words(), ct);
            await directory.SetPlanAsync(id, plan.Name, ct);
            if (adding.Words().Any()) await directory.FollowAsync(id, adding.Words(), ct);
            profile = await directory.SetPreferencesAsync(id, posted.Alerts, posted.Digest, ct);
            // Only here, behind a signed link sent to the address, does an unsubscribed address come back (a sign-up cannot do it).
            if (profile.Suppressed && form["resume"].Count > 0) profile = await directory.ResumeAsync(id, ct) ?? profile;
        }
        catch (Exception e) when (e is SubscriberRefusedException or UnknownPlanException)
        {
            return await PageAsync(context, token, profile, posted, null, SignUpPage.Sentence(e.Message), StatusCodes.Status422UnprocessableEntity,
                links, reader, describer, tokens, templates, ct);
        }
        return await PageAsync(context, token, profile, new Choice(profile.Plan, profile.PlatformList, profile.Follows.Words().ToHashSet(StringComparer.Ordinal),
            profile.AlertsEnabled, profile.DigestEnabled), "Saved.", null, StatusCodes.Status200OK, links, reader, describer, tokens, templates, ct);
    }

    /// <summary>What the form shows chosen: the profile's own, or what was posted when it is shown again.</summary>
    private sealed record Choice(string Plan, IReadOnlyList<string> Platforms, IReadOnlySet<string> FollowWords, bool Alerts, bool Digest);

    private static async Task<IReadOnlySet<string>> KnownAsync(ArchiveReader reader, CancellationToken ct) =>
        (await reader.PlatformsAsync(ct)).Select(p => p.Slug).ToHashSet(StringComparer.Ordinal);

    private static async Task<IResult> PageAsync(HttpContext context, string token, SubscriberRecord profile, Choice chosen, string? notice, string? error, int status,
        SubscriberLinks links, ArchiveReader reader, FollowDescriber describer, FormTokens tokens, PageTemplates templates, CancellationToken ct, string? page = null)
    {
        var follows = profile.Follows;
        var platforms = PlatformChoices.Of(await reader.PlatformsAsync(ct), chosen.Platforms, page, templates,
            n => $"{SubscriberLinks.ManagePath}?token={Uri.EscapeDataString(token)}&page={n}");
        var plans = Plans.All.Select(p => new SignUpPage.PlanChoice(p.Name, SignUpPage.Describe(p),
            string.Equals(p.Name, chosen.Plan, StringComparison.OrdinalIgnoreCase))).ToList();
        var following = (await describer.DescribeAsync(follows, ct))
            .Select(f => new Followed(f.Name, f.Detail, f.Path))
            .ToList();
        var plan = Plans.TryFind(profile.Plan);
        var state = profile.Suppressed ? $"Unsubscribed since {WebFormat.Time(profile.UnsubscribedAt)}: no email is sent. To get email again, tick \u201cSubscribe again\u201d below and save."
            : profile.AwaitingConfirmation ? "Awaiting confirmation: open the link in the confirmation email. Nothing is followed until then."
            : $"Active on the {profile.Plan} plan{(following.Count == 0 ? ", following nothing." : ".")}";
        var counted = follows.IsEmpty || plan is null ? null
            : $"This counts {follows.CountedPlatforms.Count} of the {WebFormat.Count(plan.MaxPlatforms, "platform")} the {plan.Name} plan follows (a provision counts as its platform).";
        IReadOnlyList<string> warnings = follows.ClauseTypesWithoutPlatform.Count == 0 ? []
            : [SignUpPage.Sentence(new ClauseTypeWithoutPlatformException(follows.ClauseTypesWithoutPlatform).Message)];
        var unsubscribe = await links.UnsubscribeAsync(profile.SubscriberId, ct);
        var view = new View(token, await tokens.IssueAsync(context), EmailAddress.Parse(profile.Email).Masked, state, counted, following, warnings, plans,
            platforms.Choices, platforms.CountLine, platforms.Pager,
            await FollowChoices.OfAsync(follows, chosen.FollowWords.Contains, describer, ct), chosen.Alerts, chosen.Digest, notice, error, unsubscribe.PathAndQuery, profile.Suppressed);
        return new NoStoreHtml(templates.Page("manage", view, new PageLayout("Your subscription", [new Crumb("Platforms", "/"), new Crumb("Your subscription", null)])), status);
    }

    private static IResult Invalid(PageTemplates templates) => MessagePage.Result(templates, "This link does not work any more",
        ["Links to manage a subscription work for seven days. Every new email carries a fresh one."], StatusCodes.Status410Gone);
}
