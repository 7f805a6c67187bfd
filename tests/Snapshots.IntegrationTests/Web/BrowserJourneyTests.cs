using System.Net;
using Microsoft.Playwright;
using Snapshots.Archive;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Subscribers;

namespace Snapshots.IntegrationTests.Web;

/// <summary>The whole self-service journey in Chromium with JavaScript off, on Azurite-backed data and the real pipeline.</summary>
public sealed class BrowserJourneyTests
{
    private const string Email = "reader@example.org";

    [Fact]
    public async Task Sign_up_confirm_get_an_alert_open_its_version_compare_and_unsubscribe_in_one_click()
    {
        await using var host = await WebTestHost.StartAsync();
        var id = await host.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        await host.CheckAsync(id);
        await using var chromium = await HeadlessChromium.StartAsync();
        var directory = host.Pipeline.Get<SubscriberDirectory>();

        // Sign up through the form.
        var page = await chromium.OpenAsync(host.Url("/subscribe?platform=example-ai"));
        await page.GetByLabel("Email address").FillAsync(Email);
        await page.GetByLabel("watcher: up to 10 platforms", new() { Exact = false }).CheckAsync();
        Assert.True(await page.GetByLabel("Example AI").IsCheckedAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();
        Assert.Equal("Check your inbox", await page.Locator("h1").InnerTextAsync());

        // Nothing is followed before the link is opened.
        Assert.Empty(await directory.FollowersAsync("example-ai"));
        var pending = await directory.GetAsync(Email);
        Assert.True(pending.AwaitingConfirmation);
        Assert.Empty(pending.PlatformList);

        await host.DeliverAsync();
        var confirmation = Assert.Single(host.Mail("confirm"));
        Assert.Equal(Email, confirmation.To.Mailboxes.Single().Address);
        var link = WebTestHost.LinkIn(confirmation, host.Url("/subscribe/confirm").AbsoluteUri);
        Assert.Empty(await directory.FollowersAsync("example-ai"));

        page = await chromium.OpenAsync(new Uri(link));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my subscription" }).ClickAsync();
        Assert.Equal("Subscription confirmed", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("Example AI: every change to its documents.", await page.Locator("main").InnerTextAsync());
        var follower = Assert.Single(await directory.FollowersAsync("example-ai"));
        Assert.Equal("watcher", follower.Plan);

        // The confirmation link works once.
        page = await chromium.OpenAsync(new Uri(link));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my subscription" }).ClickAsync();
        Assert.Equal("This link does not work any more", await page.Locator("h1").InnerTextAsync());

        // A change produces an alert whose links open the right pages.
        host.Tracked.Site.Page("/privacy", PolicyPages.Privacy(PolicyPages.Retention.Replace("30 days", "90 days")));
        await host.CheckAsync(id);
        await host.DeliverAsync();
        var alert = Assert.Single(host.Mail("alert"));
        var versionUrl = host.Url("/platforms/example-ai/privacy-policy/versions/2").AbsoluteUri;
        var alertText = alert.TextBody ?? "";
        Assert.Contains($"Version page:    {versionUrl}", alertText);
        Assert.Contains($"archived at {versionUrl}", alertText);
        var listUnsubscribe = alert.Headers["List-Unsubscribe"] ?? "";
        Assert.Equal("List-Unsubscribe=One-Click", alert.Headers["List-Unsubscribe-Post"]);
        var oneClick = listUnsubscribe.Split(',').Select(p => p.Trim().Trim('<', '>')).Single(u => u.StartsWith(host.Url("/unsubscribe").AbsoluteUri, StringComparison.Ordinal));

        page = await chromium.OpenAsync(new Uri(versionUrl));
        var version = await host.Pipeline.Get<VersionLedger>().GetAsync(id, 2);
        Assert.Equal(version.TextSha256, await page.Locator("#text-sha256").InnerTextAsync());
        Assert.Equal(version.ChainHash, await page.Locator("#chain-hash").InnerTextAsync());
        Assert.StartsWith("Integrity only:", await page.Locator("#verdict").InnerTextAsync());
        Assert.Contains(versionUrl, await page.Locator("#citation").InnerTextAsync());
        Assert.Contains("90", await page.Locator(".para ins").First.InnerTextAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "Compare with version 1" }).ClickAsync();
        Assert.Equal("Example AI: Privacy Policy, version 1 to 2", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("30", await page.Locator(".para del").First.InnerTextAsync());
        Assert.Contains("90", await page.Locator(".para ins").First.InnerTextAsync());

        // One click, as a mail client does it (RFC 8058): a POST with no cookie and no form token.
        using (var mailClient = new HttpClient())
        {
            var response = await mailClient.PostAsync(oneClick, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.True((await directory.GetAsync(Email)).Suppressed);

        // The next change sends no alert.
        host.Tracked.Site.Page("/privacy", PolicyPages.Privacy(PolicyPages.Retention.Replace("30 days", "180 days")));
        Assert.True((await host.CheckAsync(id)).IsChange);
        await host.DeliverAsync();
        Assert.Single(host.Mail("alert"));
    }
}
