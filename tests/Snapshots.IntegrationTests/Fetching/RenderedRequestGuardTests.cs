using Microsoft.AspNetCore.Http;
using Snapshots.Tracking;
using Snapshots.IntegrationTests.Infrastructure;

namespace Snapshots.IntegrationTests.Fetching;

/// <summary>
/// The SSRF guard covers every request of a rendered page. Loopback and private networks are closed except the test
/// site's own endpoint (Fetch:AllowedPrivateEndpoints), and a second loopback server, on a port the policy refuses, stands
/// for an internal service: it serves a secret to anyone who reaches it and records every request.
/// </summary>
public sealed class RenderedRequestGuardTests
{
    private const string Secret = "INTERNAL-SECRET-4471";

    [Fact]
    public async Task Sub_resources_and_fetches_to_loopback_private_and_metadata_addresses_get_nothing()
    {
        await using var t = await TrackedSite.StartRenderedAsync(new() { ["Fetch:Browser:BlockImagesMediaAndFonts"] = "false" }, openOnlyTheSite: true);
        await using var inside = await InternalServiceAsync();
        var secretUrl = inside.Url("/secret").AbsoluteUri;
        var html = $$"""
            <html><head><script src="{{inside.Url("/script.js")}}"></script><link rel="stylesheet" href="{{inside.Url("/style.css")}}"></head>
            <body><img src="{{inside.Url("/pixel.png")}}"><iframe src="{{secretUrl}}"></iframe><main id="report"></main>
            <script>
              const probe = async (name, url) => {
                try { const r = await fetch(url); return name + ': ' + (r.ok ? await r.text() : 'HTTP ' + r.status); }
                catch (e) { return name + ': failed'; }
              };
              const xhr = url => new Promise(done => {
                const x = new XMLHttpRequest(); x.open('GET', url);
                x.onload = () => done('xhr: ' + x.status + ' ' + x.responseText); x.onerror = () => done('xhr: failed'); x.send();
              });
              Promise.all([
                probe('loopback', '{{secretUrl}}'),
                probe('localhost', '{{secretUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal)}}'),
                probe('private', 'http://10.0.0.1:{{inside.BaseUri.Port}}/secret'),
                probe('private-192', 'http://192.168.1.1/secret'),
                probe('metadata', 'http://169.254.169.254/latest/meta-data/'),
                probe('metadata-https', 'https://169.254.169.254/latest/meta-data/'),
                xhr('{{secretUrl}}'),
              ]).then(lines => {
                document.getElementById('report').innerHTML = lines.map(l => '<p>' + l + '</p>').join('') + '<p id="done">done</p>';
              });
            </script></body></html>
            """;
        var id = await t.TrackScriptedAsync("Privacy Policy", "/page", html, "#report", "#done");

        var outcome = await t.CheckAsync(id);

        Assert.Equal(CaptureStatus.First, outcome.Status);
        var text = await t.LatestTextAsync(id);
        Assert.DoesNotContain(Secret, text);
        Assert.Contains("loopback: failed", text);
        Assert.Contains("metadata: failed", text);
        Assert.Empty(inside.Requests);
        var refusals = string.Join("\n", t.Renderer.Refusals);
        Assert.Contains($"127.0.0.1:{inside.BaseUri.Port}: refused address 127.0.0.1 (loopback)", refusals);
        Assert.Contains("10.0.0.1", refusals);
        Assert.Contains("(private network)", refusals);
        Assert.Contains("169.254.169.254:80: refused address 169.254.169.254 (cloud metadata)", refusals);
        Assert.Contains("169.254.169.254:443: refused address 169.254.169.254 (cloud metadata)", refusals);
    }

    [Fact]
    public async Task A_navigation_to_a_refused_address_fails_the_check_with_the_refusal()
    {
        await using var t = await TrackedSite.StartRenderedAsync(openOnlyTheSite: true);
        await using var inside = await InternalServiceAsync();
        var id = await t.TrackScriptedUrlAsync("Terms of Service", inside.Url("/secret"), "body");

        var outcome = await t.CheckAsync(id);

        Assert.Equal(CaptureStatus.Failed, outcome.Status);
        Assert.Contains($"refused address 127.0.0.1 (loopback) for host 127.0.0.1", outcome.Detail);
        Assert.Empty(inside.Requests);
    }

    [Theory]
    [InlineData("internal")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    public async Task A_redirect_to_a_refused_address_fails_the_check_with_the_refusal(string target)
    {
        await using var t = await TrackedSite.StartRenderedAsync(openOnlyTheSite: true);
        await using var inside = await InternalServiceAsync();
        var location = target == "internal" ? inside.Url("/secret").AbsoluteUri : target;
        t.Site.Handle("/moved", context => { context.Response.Redirect(location); return Task.CompletedTask; });
        var id = await t.TrackScriptedUrlAsync("Terms of Service", t.Site.Url("/moved"), "body");

        var outcome = await t.CheckAsync(id);

        Assert.Equal(CaptureStatus.Failed, outcome.Status);
        Assert.Contains(target == "internal" ? "refused address 127.0.0.1 (loopback)" : "refused address 169.254.169.254 (cloud metadata)", outcome.Detail);
        Assert.Equal(1, t.Site.RequestCount("/moved"));
        Assert.Empty(inside.Requests);
        Assert.Equal(0, (await t.Catalog.GetAsync(id)).VersionCount);
    }

    /// <summary>A loopback server the policy refuses, answering everything with the secret (CORS open, so only the guard can keep it out).</summary>
    private static async Task<LoopbackSite> InternalServiceAsync()
    {
        var inside = await LoopbackSite.StartAsync();
        foreach (var path in new[] { "/secret", "/script.js", "/style.css", "/pixel.png" })
            inside.Handle(path, async context =>
            {
                context.Response.Headers.AccessControlAllowOrigin = "*";
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync($"<main>{Secret}</main>");
            });
        return inside;
    }
}
