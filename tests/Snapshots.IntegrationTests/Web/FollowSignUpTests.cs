using System.Net;
using System.Text.RegularExpressions;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Storage;
using Snapshots.Subscribers;

namespace Snapshots.IntegrationTests.Web;

/// <summary>
/// Following a provision or a clause type from the site, over HTTP against the real site and storage: from a provision page to
/// the sign-up form with it ticked, the confirmation email naming it, the profile following exactly it, the manage page listing
/// it and dropping it (the follower index row goes with the last follow that counts its platform); unknown, malformed and
/// over-the-limit follows refused by name with 422 and nothing written.
/// </summary>
public sealed class FollowSignUpTests
{
    private const string RetentionText = "We retain your prompts for 30 days.";
    private const string TrainingText = "We may use your conversations to train and improve our models.";
    private const string Reader = "reader@example.org";

    [Fact]
    public async Task A_visitor_follows_one_provision_from_its_page_confirms_by_email_and_drops_it_on_the_manage_page()
    {
        var t = await ProvisionFixture.StartAsync();
        await using var host = t.Host;
        using var client = new FormClient(host.BaseUri);
        var directory = host.Pipeline.Get<SubscriberDirectory>();
        var slug = await ProvisionPagesTests.SlugAsync(client.Http, t.ExamplePrivacy, 1, RetentionText);
        var word = $"{t.ExamplePrivacy}/{slug}";
        var provisionPath = ProvisionPagesTests.ProvisionPath(t.ExamplePrivacy, slug);

        // The provision page links to the form with the provision ticked, described in words, and no platform ticked.
        var provisionPage = await client.Http.GetStringAsync(provisionPath);
        var follow = WebUtility.HtmlDecode(Regex.Match(provisionPage, "<a href=\"([^\"]+)\" id=\"follow\">Follow this provision</a>").Groups[1].Value);
        Assert.Equal($"/subscribe?follow={word}", follow);
        var form = await client.Http.GetAsync(follow);
        var formHtml = await form.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains($"<input type=\"checkbox\" name=\"follow\" value=\"{word}\" checked> <strong>Retention period</strong>: provision {slug} of Example AI", formHtml);
        Assert.Contains($"<a href=\"{provisionPath}\">its page</a>", formHtml);
        Assert.DoesNotContain("value=\"example-ai\" checked", formHtml);

        var csrf = await client.TokenAsync(follow);
        var signedUp = await client.PostAsync("/subscribe", ("csrf", csrf), ("email", Reader), ("plan", "free"), ("follow", word));
        Assert.Equal(HttpStatusCode.OK, signedUp.Status);
        Assert.Contains("Check your inbox", signedUp.Body);

        // Kept aside until confirmed: nothing followed, no index row.
        var pending = await directory.GetAsync(Reader);
        Assert.True(pending.AwaitingConfirmation);
        Assert.Equal(word, pending.PendingProvisions);
        Assert.Equal("nothing", pending.Follows.ToString());
        Assert.Null(await IndexRowAsync(host, "example-ai", pending.SubscriberId));

        await host.DeliverAsync();
        var confirmation = Assert.Single(host.Mail("confirm"));
        Assert.Contains($"- Retention period: provision {slug} of Example AI", confirmation.TextBody);
        Assert.Contains(host.Url(provisionPath).AbsoluteUri, confirmation.TextBody);
        Assert.Contains($"<a href=\"{host.Url(provisionPath).AbsoluteUri}\"", confirmation.HtmlBody);
        var link = new Uri(WebTestHost.LinkIn(confirmation, host.Url("/subscribe/confirm").AbsoluteUri));
        var token = System.Web.HttpUtility.ParseQueryString(link.Query)["token"]!;
        var confirmed = await client.PostAsync("/subscribe/confirm", ("csrf", await client.TokenAsync(link.PathAndQuery)), ("token", token));
        Assert.Equal(HttpStatusCode.OK, confirmed.Status);
        Assert.Contains($"Retention period: provision {slug} of Example AI", confirmed.Body);

        // It follows exactly that provision, counted as its platform in the index.
        var profile = await directory.GetAsync(Reader);
        Assert.Equal([word], profile.Follows.Words());
        Assert.Equal(["example-ai"], profile.Follows.CountedPlatforms);
        Assert.Equal("free", profile.Plan);
        Assert.Null(profile.PendingProvisions);
        Assert.NotNull(await IndexRowAsync(host, "example-ai", profile.SubscriberId));
        Assert.Equal(profile.SubscriberId, Assert.Single(await directory.FollowersAsync("example-ai")).SubscriberId);
        Assert.Empty(await directory.FollowersAsync("mistral-ai"));

        // The manage page lists it with its link and drops it.
        var manage = WebUtility.HtmlDecode(Regex.Match(confirmed.Body, "href=\"(/subscription\\?token=[^\"]+)\"").Groups[1].Value);
        var managePage = await client.Http.GetStringAsync(manage);
        Assert.Contains($"<li><a href=\"{provisionPath}\">Retention period</a>: provision {slug} of Example AI", managePage);
        Assert.Contains($"<input type=\"checkbox\" name=\"follow\" value=\"{word}\" checked>", managePage);
        Assert.Contains("This counts 1 of the 1 platform the free plan follows", managePage);
        var manageToken = System.Web.HttpUtility.ParseQueryString(new Uri(host.BaseUri, manage).Query)["token"]!;
        var dropped = await client.PostAsync("/subscription", ("csrf", await client.TokenAsync(manage)), ("token", manageToken), ("plan", "free"), ("digest", "on"));
        Assert.Equal(HttpStatusCode.OK, dropped.Status);
        Assert.Contains("Saved.", dropped.Body);
        Assert.DoesNotContain($"value=\"{word}\"", dropped.Body);
        Assert.Equal("nothing", (await directory.GetAsync(Reader)).Follows.ToString());
        Assert.Null(await IndexRowAsync(host, "example-ai", profile.SubscriberId));
    }

    [Fact]
    public async Task The_manage_page_drops_provisions_and_clause_types_one_by_one_and_refuses_a_plan_too_small_naming_what_is_followed()
    {
        var t = await ProvisionFixture.StartAsync();
        await using var host = t.Host;
        using var client = new FormClient(host.BaseUri);
        var directory = host.Pipeline.Get<SubscriberDirectory>();
        var retentionSlug = await ProvisionPagesTests.SlugAsync(client.Http, t.ExamplePrivacy, 1, RetentionText);
        var trainingSlug = await ProvisionPagesTests.SlugAsync(client.Http, t.ExamplePrivacy, 1, TrainingText);
        var retention = $"{t.ExamplePrivacy}/{retentionSlug}";
        var training = $"{t.ExamplePrivacy}/{trainingSlug}";
        var member = await directory.AddAsync("member@example.org", "watcher", ["other-co"]);
        await directory.FollowAsync(member.SubscriberId, [retention, training, "type:governing-law"]);

        // The account email (a sign-up from a known address) lists what is followed, in words.
        await client.SignUpAsync("member@example.org", "free", "example-ai");
        await host.DeliverAsync();
        var account = Assert.Single(host.Mail("account"));
        Assert.Contains("- Governing law: clause type", account.TextBody);
        Assert.Contains("- Other Co: every change to its documents", account.TextBody);
        Assert.Contains("- Retention period: provision", account.TextBody);
        var manage = new Uri(WebTestHost.LinkIn(account, host.Url("/subscription?token=").AbsoluteUri));
        var token = System.Web.HttpUtility.ParseQueryString(manage.Query)["token"]!;

        var page = await client.Http.GetStringAsync(manage.PathAndQuery);
        Assert.Contains("<li><a href=\"/platforms/other-co\">Other Co</a>: every change to its documents</li>", page);
        Assert.Contains($"<li><a href=\"{ProvisionPagesTests.ProvisionPath(t.ExamplePrivacy, retentionSlug)}\">Retention period</a>: provision", page);
        Assert.Contains("<li><a href=\"/clause-types/governing-law\">Governing law</a>: clause type:", page);
        Assert.Contains("This counts 2 of the 10 platforms the watcher plan follows", page);

        // A plan too small for what stays followed: refused, naming it, nothing changed.
        var csrf = await client.TokenAsync(manage.PathAndQuery);
        var refused = await client.PostAsync("/subscription", ("csrf", csrf), ("token", token), ("plan", "free"), ("platform", "other-co"),
            ("follow", retention), ("follow", training), ("follow", "type:governing-law"), ("digest", "on"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        var (first, second) = string.CompareOrdinal(retentionSlug, trainingSlug) < 0 ? (retentionSlug, trainingSlug) : (trainingSlug, retentionSlug);
        Assert.Contains($"The free plan follows at most 1 platform; this counts 2: example-ai (for its provisions privacy-policy/{first}, privacy-policy/{second}), other-co.", refused.Body);
        // A follow added by a forged field goes through the same checks: unknown, refused by name.
        var forged = await client.PostAsync("/subscription", ("csrf", csrf), ("token", token), ("plan", "watcher"), ("platform", "other-co"),
            ("follow", retention), ("follow", training), ("follow", "type:governing-law"), ("follow", "example-ai/privacy-policy/no-such-provision"), ("digest", "on"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, forged.Status);
        Assert.Contains("has no provision &#39;no-such-provision&#39;", forged.Body);
        var unchanged = await directory.GetAsync("member@example.org");
        Assert.Equal("watcher", unchanged.Plan);
        Assert.Equal(new[] { "other-co", retention, training, "type:governing-law" }.Order(StringComparer.Ordinal), unchanged.Follows.Words().Order(StringComparer.Ordinal));

        // Dropping one of two provisions of a platform keeps its index row; dropping the other removes it.
        var kept = await client.PostAsync("/subscription", ("csrf", csrf), ("token", token), ("plan", "watcher"), ("platform", "other-co"),
            ("follow", training), ("follow", "type:governing-law"), ("digest", "on"));
        Assert.Equal(HttpStatusCode.OK, kept.Status);
        Assert.Equal(["other-co", training, "type:governing-law"], (await directory.GetAsync("member@example.org")).Follows.Words());
        Assert.NotNull(await IndexRowAsync(host, "example-ai", member.SubscriberId));

        var downgraded = await client.PostAsync("/subscription", ("csrf", csrf), ("token", token), ("plan", "free"), ("platform", "other-co"),
            ("follow", "type:governing-law"), ("digest", "on"));
        Assert.Equal(HttpStatusCode.OK, downgraded.Status);
        var after = await directory.GetAsync("member@example.org");
        Assert.Equal("free", after.Plan);
        Assert.Equal(["other-co", "type:governing-law"], after.Follows.Words());
        Assert.Null(await IndexRowAsync(host, "example-ai", member.SubscriberId));
        Assert.NotNull(await IndexRowAsync(host, "other-co", member.SubscriberId));
    }

    [Fact]
    public async Task An_unknown_malformed_or_over_the_limit_follow_is_refused_by_name_with_422_and_nothing_is_written()
    {
        var t = await ProvisionFixture.StartAsync();
        await using var host = t.Host;
        using var client = new FormClient(host.BaseUri);
        var directory = host.Pipeline.Get<SubscriberDirectory>();
        var carveOut = $"{t.MistralTerms}/{await ProvisionPagesTests.SlugAsync(client.Http, t.MistralTerms, 1, null, "Opt-outs do not apply to Labs Models")}";

        async Task<(HttpStatusCode Status, string Body)> SignUp(string plan, string[] platforms, params string[] follows) =>
            await client.PostAsync("/subscribe", [("csrf", await client.TokenAsync("/subscribe")), ("email", Reader), ("plan", plan),
                .. platforms.Select(p => ("platform", p)), .. follows.Select(f => ("follow", f))]);

        var unknownProvision = await SignUp("watcher", [], "example-ai/privacy-policy/no-such-provision");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownProvision.Status);
        Assert.Contains("Document &#39;example-ai/privacy-policy&#39; has no provision &#39;no-such-provision&#39;", unknownProvision.Body);

        var unknownType = await SignUp("watcher", ["example-ai"], "type:no-such-type");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownType.Status);
        Assert.Contains("No clause type &#39;no-such-type&#39;", unknownType.Body);
        Assert.Contains("value=\"example-ai\" checked", unknownType.Body);

        var unknownDocument = await SignUp("watcher", [], "example-ai/no-such-terms/some-slug");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownDocument.Status);
        Assert.Contains("No document &#39;example-ai/no-such-terms&#39; is tracked", unknownDocument.Body);

        var hostile = await SignUp("watcher", ["example-ai"], "<script>alert(1)</script>");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, hostile.Status);
        Assert.DoesNotContain("<script>alert(1)", hostile.Body);
        Assert.Contains("&#39;&lt;script&gt;alert(1)&lt;/script&gt;&#39; is not something to follow", hostile.Body);

        var tooLong = await SignUp("watcher", ["example-ai"], "example-ai/privacy-policy/" + new string('a', 5000));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.Status);
        Assert.Contains("A follow of 5,026 characters was refused", tooLong.Body);
        Assert.DoesNotContain(new string('a', 300), tooLong.Body);

        // A provision counts as its platform: Example AI whole and a Mistral AI provision are two on the free plan.
        var over = await SignUp("free", ["example-ai"], carveOut);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, over.Status);
        Assert.Contains($"The free plan follows at most 1 platform; this counts 2: example-ai, mistral-ai (for its provision {carveOut["mistral-ai/".Length..]}).", over.Body);
        Assert.Contains($"name=\"follow\" value=\"{carveOut}\" checked", over.Body);

        // A clause type narrows the platforms followed whole: alone it would tell nothing.
        var typeAlone = await SignUp("watcher", [], "type:governing-law");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, typeAlone.Status);
        Assert.Contains("choose at least one platform to follow with it", typeAlone.Body);

        Assert.Null(await directory.FindAsync(Reader));
        Assert.Empty((await host.Pipeline.Storage.Queue(QueueNames.Emails).PeekMessagesAsync(10)).Value);

        // A link with a bad follow shows the form without it, naming it, with 422; the good one stays ticked.
        var link = await client.Http.GetAsync("/subscribe?follow=type:governing-law&follow=type:no-such-type&follow=%3Cimg%20src%3Dx%3E");
        var linked = await link.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, link.StatusCode);
        Assert.Contains("No clause type &#39;no-such-type&#39;", linked);
        Assert.Contains("&#39;&lt;img src=x&gt;&#39; is not something to follow", linked);
        Assert.DoesNotContain("<img src=x>", linked);
        Assert.Contains("<input type=\"checkbox\" name=\"follow\" value=\"type:governing-law\" checked> <strong>Governing law</strong>", linked);
        Assert.DoesNotContain("value=\"type:no-such-type\"", linked);
    }

    [Fact]
    public async Task A_clause_type_page_links_to_the_form_with_the_type_ticked_and_signing_up_with_a_platform_follows_both()
    {
        var t = await ProvisionFixture.StartAsync();
        await using var host = t.Host;
        using var client = new FormClient(host.BaseUri);

        var typePage = await client.Http.GetStringAsync("/clause-types/governing-law");
        var follow = WebUtility.HtmlDecode(Regex.Match(typePage, "<a href=\"([^\"]+)\" id=\"follow\">Follow this clause type</a>").Groups[1].Value);
        Assert.Equal("/subscribe?follow=type:governing-law", follow);
        var form = await client.Http.GetStringAsync(follow);
        Assert.Contains("<input type=\"checkbox\" name=\"follow\" value=\"type:governing-law\" checked> <strong>Governing law</strong>", form);
        Assert.Contains("A clause type tells you only of changes to provisions of that type on the platforms you tick below.", form);

        var signedUp = await client.PostAsync("/subscribe", ("csrf", await client.TokenAsync(follow)), ("email", Reader), ("plan", "watcher"),
            ("platform", "mistral-ai"), ("follow", "type:governing-law"));
        Assert.Equal(HttpStatusCode.OK, signedUp.Status);
        await host.DeliverAsync();
        var confirmation = Assert.Single(host.Mail("confirm"));
        Assert.Contains("- Governing law: clause type", confirmation.TextBody);
        Assert.Contains("- Mistral AI: every change to its documents", confirmation.TextBody);
        var link = new Uri(WebTestHost.LinkIn(confirmation, host.Url("/subscribe/confirm").AbsoluteUri));
        var token = System.Web.HttpUtility.ParseQueryString(link.Query)["token"]!;
        await client.PostAsync("/subscribe/confirm", ("csrf", await client.TokenAsync(link.PathAndQuery)), ("token", token));

        var profile = await host.Pipeline.Get<SubscriberDirectory>().GetAsync(Reader);
        Assert.Equal(["mistral-ai", "type:governing-law"], profile.Follows.Words());
        Assert.NotNull(await IndexRowAsync(host, "mistral-ai", profile.SubscriberId));
    }

    private static async Task<FollowerRow?> IndexRowAsync(WebTestHost host, string platform, string subscriberId)
    {
        var row = await host.Pipeline.Storage.Subscribers.GetEntityIfExistsAsync<FollowerRow>(FollowerRow.PartitionOf(platform), subscriberId);
        return row.HasValue ? row.Value : null;
    }
}
