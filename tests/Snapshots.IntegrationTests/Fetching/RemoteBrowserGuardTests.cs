using Microsoft.AspNetCore.Http;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Tracking;

namespace Snapshots.IntegrationTests.Fetching;

/// <summary>A remote browser (Fetch:Browser:Endpoint, here a Chromium over CDP on loopback): every request it makes is checked before it leaves.</summary>
public sealed class RemoteBrowserGuardTests
{
    private const string Secret = "REMOTE-INTERNAL-SECRET";

    [Fact]
    public async Task A_remote_browser_renders_the_page_and_its_requests_to_refused_addresses_get_nothing()
    {
        await using var remote = await RemoteChromium.StartAsync();
        await using var t = await TrackedSite.StartRenderedAsync(new() { ["Fetch:Browser:Endpoint"] = remote.Endpoint, ["Fetch:Browser:BlockImagesMediaAndFonts"] = "false" }, openOnlyTheSite: true);
        await using var inside = await LoopbackSite.StartAsync();
        inside.Handle("/secret", async context =>
        {
            context.Response.Headers.AccessControlAllowOrigin = "*";
            await context.Response.WriteAsync(Secret);
        });
        var secret = inside.Url("/secret").AbsoluteUri;
        var html = $$"""
            <html><body><img src="{{secret}}"><main id="report"></main><script>
              Promise.all(['{{secret}}', 'http://169.254.169.254/latest/meta-data/'].map(url =>
                fetch(url).then(r => r.text()).then(text => 'got: ' + text, () => 'refused')))
              .then(lines => document.getElementById('report').innerHTML = lines.map(l => '<p>' + l + '</p>').join('') + '<p id="done">rendered remotely</p>');
            </script></body></html>
            """;
        var page = await t.TrackScriptedAsync("Privacy Policy", "/page", html, "#report", "#done");

        var outcome = await t.CheckAsync(page);

        Assert.Equal(CaptureStatus.First, outcome.Status);
        var text = await t.LatestTextAsync(page);
        Assert.Contains("rendered remotely", text);
        Assert.DoesNotContain(Secret, text);
        Assert.Empty(inside.Requests);

        t.Site.Handle("/moved", context => { context.Response.Redirect(secret); return Task.CompletedTask; });
        var moved = await t.TrackScriptedUrlAsync("Terms of Service", t.Site.Url("/moved"), "body");
        var redirected = await t.CheckAsync(moved);
        Assert.Equal(CaptureStatus.Failed, redirected.Status);
        Assert.Contains("refused address 127.0.0.1 (loopback)", redirected.Detail);
        Assert.Empty(inside.Requests);
    }
}
