using System.Net;
using Snapshots.Channels;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Subscribers;

namespace Snapshots.IntegrationTests.Web;

/// <summary>
/// The manage link's channels page on the real site: add (a webhook's secret shown on that answer only), test (a signed test
/// delivery reaches a loopback receiver), remove; a form without its token does nothing; the free plan is refused by name.
/// </summary>
public sealed class ChannelsPageTests
{
    [Fact]
    public async Task A_subscriber_adds_tests_and_removes_a_webhook_from_the_manage_link_and_sees_its_secret_once()
    {
        await using var host = await WebTestHost.StartAsync();
        await using var receiver = await ChannelReceiver.StartAsync();
        await host.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        var watcher = await host.Pipeline.Get<SubscriberDirectory>().AddAsync("owner@example.com", "watcher", ["example-ai"]);
        var token = System.Web.HttpUtility.ParseQueryString((await host.Pipeline.Get<SubscriberLinks>().ManageAsync(watcher.SubscriberId)).Query)["token"]!;
        var page = $"/subscription/channels?token={Uri.EscapeDataString(token)}";
        using var client = new FormClient(host.BaseUri);

        var manage = await client.Http.GetStringAsync($"/subscription?token={Uri.EscapeDataString(token)}");
        Assert.Contains($"href=\"/subscription/channels?token={token}\"", manage);
        var csrf = await client.TokenAsync(page);
        var (status, added) = await client.PostAsync("/subscription/channels", ("csrf", csrf), ("token", token), ("action", "add"), ("kind", "webhook"),
            ("url", receiver.Url.AbsoluteUri), ("name", "tickets <b>"));

        Assert.Equal(HttpStatusCode.OK, status);
        var channel = Assert.Single(await host.Pipeline.Get<ChannelDirectory>().ListAsync(watcher.SubscriberId));
        Assert.Contains(WebUtility.HtmlEncode(channel.Secret), added);
        Assert.Contains("tickets &lt;b&gt;", added);
        Assert.DoesNotContain("tickets <b>", added);
        var again = await client.Http.GetStringAsync(page);
        Assert.Contains(channel.ChannelId, again);
        Assert.DoesNotContain("whsec_", again);
        Assert.DoesNotContain(ChannelReceiver.Path, again); // the address shows its host only

        var (_, tested) = await client.PostAsync("/subscription/channels", ("csrf", csrf), ("token", token), ("action", "test"), ("channel", channel.ChannelId));
        Assert.Contains("Test delivered", tested);
        var delivery = Assert.Single(receiver.Received);
        Assert.Contains("\"type\":\"channel.test\"", delivery.Body);
        Assert.StartsWith("v1,", delivery.Header("webhook-signature"));

        var (_, removed) = await client.PostAsync("/subscription/channels", ("csrf", csrf), ("token", token), ("action", "remove"), ("channel", channel.ChannelId));
        Assert.Contains("Removed", removed);
        Assert.Empty(await host.Pipeline.Get<ChannelDirectory>().ListAsync(watcher.SubscriberId));
    }

    [Fact]
    public async Task A_post_without_its_form_token_or_from_a_free_plan_adds_nothing_and_says_why()
    {
        await using var host = await WebTestHost.StartAsync();
        await host.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        var directory = host.Pipeline.Get<SubscriberDirectory>();
        var watcher = await directory.AddAsync("owner@example.com", "watcher", ["example-ai"]);
        var reader = await directory.AddAsync("reader@example.com", "free", ["example-ai"]);
        var links = host.Pipeline.Get<SubscriberLinks>();
        string TokenOf(Uri link) => System.Web.HttpUtility.ParseQueryString(link.Query)["token"]!;
        var watcherToken = TokenOf(await links.ManageAsync(watcher.SubscriberId));
        var readerToken = TokenOf(await links.ManageAsync(reader.SubscriberId));
        using var client = new FormClient(host.BaseUri);

        var (forged, _) = await client.PostAsync("/subscription/channels", ("csrf", "forged"), ("token", watcherToken), ("action", "add"), ("kind", "slack"), ("url", "https://hooks.slack.com/services/T/B/X"));
        Assert.Equal(HttpStatusCode.BadRequest, forged);

        var readerPage = await client.Http.GetStringAsync($"/subscription/channels?token={Uri.EscapeDataString(readerToken)}");
        Assert.Contains("The free plan has no delivery channels", readerPage);
        Assert.DoesNotContain("id=\"add-channel\"", readerPage);
        // The free plan's page has no form; the form token belongs to the browser, taken here from the watcher's page.
        var csrf = await client.TokenAsync($"/subscription/channels?token={Uri.EscapeDataString(watcherToken)}");
        var (refused, body) = await client.PostAsync("/subscription/channels", ("csrf", csrf), ("token", readerToken), ("action", "add"), ("kind", "slack"), ("url", "https://hooks.slack.com/services/T/B/X"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused);
        Assert.Contains("the free plan has no delivery channels", body, StringComparison.OrdinalIgnoreCase);

        var (metadata, why) = await client.PostAsync("/subscription/channels", ("csrf", csrf), ("token", watcherToken), ("action", "add"), ("kind", "webhook"), ("url", "http://169.254.169.254/latest/meta-data/"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, metadata);
        Assert.Contains("cloud metadata", why);
        Assert.Empty(await host.Pipeline.Get<ChannelDirectory>().ListAsync(watcher.SubscriberId));
        Assert.Empty(await host.Pipeline.Get<ChannelDirectory>().ListAsync(reader.SubscriberId));
    }
}
