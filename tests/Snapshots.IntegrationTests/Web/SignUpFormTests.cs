using System.Net;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Subscribers;
using Snapshots.Storage;

namespace Snapshots.IntegrationTests.Web;

/// <summary>The sign-up form's abuse resistance, over HTTP against the real site and storage.</summary>
public sealed class SignUpFormTests
{
    [Fact]
    public async Task A_known_address_gets_exactly_the_same_answer_as_a_new_one_and_only_the_email_differs()
    {
        await using var host = await WebTestHost.StartAsync();
        await host.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        await host.Pipeline.Get<SubscriberDirectory>().AddAsync("known@example.org", "watcher", ["example-ai"]);
        using var client = new FormClient(host.BaseUri);

        var known = await client.SignUpAsync("known@example.org", "free", "example-ai");
        var fresh = await client.SignUpAsync("fresh@example.org", "free", "example-ai");

        Assert.Equal(HttpStatusCode.OK, fresh.Status);
        Assert.Equal(fresh.Status, known.Status);
        Assert.Equal(fresh.Body, known.Body);
        Assert.Contains("Check your inbox", fresh.Body);
        var queued = await host.Pipeline.Storage.Queue(QueueNames.Emails).PeekMessagesAsync(10);
        Assert.Equal(2, queued.Value.Length);
        await host.DeliverAsync();
        Assert.Equal("fresh@example.org", Assert.Single(host.Mail("confirm")).To.Mailboxes.Single().Address);
        var account = Assert.Single(host.Mail("account"));
        Assert.Equal("known@example.org", account.To.Mailboxes.Single().Address);
        Assert.Contains(host.Url("/subscription?token=").AbsoluteUri, account.TextBody);
        // The known subscriber's plan was not touched by the form.
        Assert.Equal("watcher", (await host.Pipeline.Get<SubscriberDirectory>().GetAsync("known@example.org")).Plan);
    }

    [Fact]
    public async Task A_post_without_the_form_token_is_refused_and_sends_nothing()
    {
        await using var host = await WebTestHost.StartAsync();
        await host.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        using var client = new FormClient(host.BaseUri);
        await client.TokenAsync("/subscribe");

        var forged = await client.PostAsync("/subscribe", ("email", "victim@example.org"), ("plan", "free"), ("platform", "example-ai"));

        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.Contains("did not come from this site", forged.Body);
        Assert.Null(await host.Pipeline.Get<SubscriberDirectory>().FindAsync("victim@example.org"));
        Assert.Empty((await host.Pipeline.Storage.Queue(QueueNames.Emails).PeekMessagesAsync(10)).Value);
    }

    [Fact]
    public async Task An_address_gets_at_most_three_emails_an_hour_and_the_answer_never_changes()
    {
        await using var host = await WebTestHost.StartAsync();
        await host.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        using var client = new FormClient(host.BaseUri);

        var answers = new List<string>();
        for (var i = 0; i < 5; i++) answers.Add((await client.SignUpAsync("target@example.org", "free", "example-ai")).Body);

        Assert.Single(answers.Distinct());
        await host.DeliverAsync();
        Assert.Equal(3, host.Mail("confirm").Count);
    }

    [Fact]
    public async Task A_client_past_its_form_limit_gets_429()
    {
        await using var host = await WebTestHost.StartAsync(new Dictionary<string, string?> { ["Web:FormPostsPerClient"] = "2" });
        await host.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        using var client = new FormClient(host.BaseUri);

        Assert.Equal(HttpStatusCode.OK, (await client.SignUpAsync("a@example.org", "free", "example-ai")).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.SignUpAsync("b@example.org", "free", "example-ai")).Status);
        var third = await client.SignUpAsync("c@example.org", "free", "example-ai");

        Assert.Equal(HttpStatusCode.TooManyRequests, third.Status);
        Assert.Null(await host.Pipeline.Get<SubscriberDirectory>().FindAsync("c@example.org"));
    }

    [Fact]
    public async Task A_plan_limit_or_a_bad_address_is_said_on_the_form()
    {
        await using var host = await WebTestHost.StartAsync();
        await host.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        await host.TrackAsync("Other AI", "Privacy Policy", "/other", PolicyPages.Privacy(PolicyPages.Training));
        using var client = new FormClient(host.BaseUri);

        var over = await client.SignUpAsync("a@example.org", "free", "example-ai", "other-ai");
        var bad = await client.SignUpAsync("not-an-address", "free", "example-ai");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, over.Status);
        Assert.Contains("The free plan follows at most 1 platform; 2 given.", over.Body);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.Status);
        Assert.Contains("is not a valid email address", bad.Body);
        Assert.Empty((await host.Pipeline.Storage.Queue(QueueNames.Emails).PeekMessagesAsync(10)).Value);
    }

    [Fact]
    public async Task The_manage_link_changes_plan_platforms_and_emails_and_its_stop_button_suppresses()
    {
        await using var host = await WebTestHost.StartAsync();
        await host.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        await host.TrackAsync("Other AI", "Privacy Policy", "/other", PolicyPages.Privacy(PolicyPages.Training));
        var directory = host.Pipeline.Get<SubscriberDirectory>();
        await directory.AddAsync("member@example.org", "free", ["example-ai"]);
        using var client = new FormClient(host.BaseUri);
        await client.SignUpAsync("member@example.org", "free", "example-ai");
        await host.DeliverAsync();
        var manage = new Uri(WebTestHost.LinkIn(Assert.Single(host.Mail("account")), host.Url("/subscription?token=").AbsoluteUri));

        var token = System.Web.HttpUtility.ParseQueryString(manage.Query)["token"]!;
        var csrf = await client.TokenAsync(manage.PathAndQuery);
        var saved = await client.PostAsync("/subscription", ("csrf", csrf), ("token", token), ("plan", "watcher"),
            ("platform", "example-ai"), ("platform", "other-ai"), ("digest", "on"));

        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.Contains("Saved.", saved.Body);
        var profile = await directory.GetAsync("member@example.org");
        Assert.Equal("watcher", profile.Plan);
        Assert.Equal(["example-ai", "other-ai"], profile.PlatformList);
        Assert.False(profile.AlertsEnabled);
        Assert.True(profile.DigestEnabled);
        Assert.Single(await directory.FollowersAsync("other-ai"));

        var forged = await client.PostAsync("/subscription", ("csrf", csrf), ("token", token + "x"), ("plan", "free"), ("platform", "example-ai"));
        Assert.Equal(HttpStatusCode.Gone, forged.Status);
        Assert.Equal("watcher", (await directory.GetAsync("member@example.org")).Plan);

        var stop = System.Text.RegularExpressions.Regex.Match(saved.Body, "action=\"(/unsubscribe\\?token=[^\"]+)\"").Groups[1].Value;
        var stopped = await client.PostAsync(System.Net.WebUtility.HtmlDecode(stop), ("List-Unsubscribe", "One-Click"));
        Assert.Equal(HttpStatusCode.OK, stopped.Status);
        Assert.True((await directory.GetAsync("member@example.org")).Suppressed);
    }
}
