using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Tracking;

namespace Snapshots.IntegrationTests.Fetching;

/// <summary>Pages declared with executeClientScripts, rendered by real headless Chromium on loopback pages.</summary>
public sealed class RenderedPageTests
{
    [Fact]
    public async Task Content_written_by_a_script_is_in_the_version()
    {
        await using var t = await TrackedSite.StartRenderedAsync();
        const string html = """
            <html><body><div id="app"></div>
            <script>document.getElementById('app').innerHTML = '<main id="terms"><h1>Terms</h1><p>Clause 7: rendered by a script.</p></main>';</script>
            </body></html>
            """;
        var id = await t.TrackScriptedAsync("Terms of Service", "/terms", html, "#terms");

        var outcome = await t.CheckAsync(id);

        Assert.Equal(CaptureStatus.First, outcome.Status);
        var text = await t.LatestTextAsync(id);
        Assert.Contains("Clause 7: rendered by a script.", text);
        Assert.DoesNotContain("<script", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Content_that_arrives_after_a_delay_is_waited_for()
    {
        await using var t = await TrackedSite.StartRenderedAsync();
        t.Site.Page("/late.json", """{"clause": "Data is kept for 30 days."}""", "application/json");
        const string html = """
            <html><body><p>Loading…</p>
            <script>setTimeout(async () => {
              const data = await (await fetch('/late.json')).json();
              const article = document.createElement('article'); article.id = 'policy';
              article.innerHTML = '<h1>Privacy</h1><p>' + data.clause + '</p>';
              document.body.appendChild(article);
            }, 1500);</script></body></html>
            """;
        var id = await t.TrackScriptedAsync("Privacy Policy", "/privacy", html, "#policy");

        var outcome = await t.CheckAsync(id);

        Assert.Equal(CaptureStatus.First, outcome.Status);
        Assert.Contains("Data is kept for 30 days.", await t.LatestTextAsync(id));
        Assert.Equal(1, t.Site.RequestCount("/late.json"));
    }

    [Fact]
    public async Task A_selector_that_never_appears_fails_the_check_with_the_selector_and_the_time_waited()
    {
        // Long enough that a loaded machine still opens the page (CI once took over 3 s to load this one); the selector then times out.
        await using var t = await TrackedSite.StartRenderedAsync(new() { ["Fetch:Timeout"] = "00:00:08" });
        var id = await t.TrackScriptedAsync("Privacy Policy", "/privacy", "<html><body><main>static shell</main></body></html>", "#never");

        var outcome = await t.CheckAsync(id);

        Assert.Equal(CaptureStatus.Failed, outcome.Status);
        Assert.True(outcome.Detail.Contains("select \"#never\" did not appear within 8 s of rendering the page", StringComparison.Ordinal), outcome.Detail);
        var document = await t.Catalog.GetAsync(id);
        Assert.Equal(0, document.VersionCount);
        Assert.Equal(1, document.ConsecutiveFailures);
    }

    [Fact]
    public async Task Two_documents_are_rendered_at_the_same_time()
    {
        await using var t = await TrackedSite.StartRenderedAsync(new() { ["Fetch:Browser:MaxConcurrentPages"] = "2", ["Capture:Concurrency"] = "2" });
        var arrived = 0;
        var both = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task ServeAsync(Microsoft.AspNetCore.Http.HttpContext context, string name)
        {
            if (Interlocked.Increment(ref arrived) == 2) both.TrySetResult();
            // Each page is held until the other one is requested too: only concurrent renders both say "together".
            var together = await Task.WhenAny(both.Task, Task.Delay(TimeSpan.FromSeconds(6))) == both.Task;
            context.Response.ContentType = "text/html; charset=utf-8";
            await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response,
                $"<html><body><main id=\"doc\"></main><script>document.getElementById('doc').textContent = '{name} rendered {(together ? "together" : "alone")}.';</script></body></html>");
        }
        t.Site.Handle("/terms", context => ServeAsync(context, "Terms"));
        t.Site.Handle("/privacy", context => ServeAsync(context, "Privacy"));
        var terms = await t.TrackScriptedUrlAsync("Terms of Service", t.Site.Url("/terms"), "#doc");
        var privacy = await t.TrackScriptedUrlAsync("Privacy Policy", t.Site.Url("/privacy"), "#doc");

        var outcomes = await t.CheckAsync([terms, privacy]);

        Assert.All(outcomes, o => Assert.Equal(CaptureStatus.First, o.Status));
        Assert.Contains("Terms rendered together.", await t.LatestTextAsync(terms));
        Assert.Contains("Privacy rendered together.", await t.LatestTextAsync(privacy));
    }

    [Fact]
    public async Task A_missing_browser_fails_the_check_naming_the_setting_and_the_install_command_and_fetches_nothing()
    {
        await using var t = await TrackedSite.StartRenderedAsync(new() { ["Fetch:Browser:ExecutablePath"] = "/nonexistent/chromium" });
        var id = await t.TrackScriptedAsync("Terms of Service", "/terms", "<html><body><main id=\"terms\">Static text</main></body></html>", "#terms");

        var outcome = await t.CheckAsync(id);

        Assert.Equal(CaptureStatus.Failed, outcome.Status);
        Assert.Contains("Fetch:Browser:ExecutablePath is /nonexistent/chromium, which does not exist", outcome.Detail);
        Assert.Contains("apt-get install -y chromium", outcome.Detail);
        Assert.Empty(t.Site.Requests);
        Assert.Equal(0, (await t.Catalog.GetAsync(id)).VersionCount);
    }

    [Theory]
    [InlineData("ws://127.0.0.1:9/")]
    [InlineData("http://127.0.0.1:9")]
    public async Task An_unreachable_remote_browser_fails_the_check_naming_the_endpoint_and_fetches_nothing(string endpoint)
    {
        await using var t = await TrackedSite.StartRenderedAsync(new() { ["Fetch:Browser:Endpoint"] = endpoint, ["Fetch:Browser:StartTimeout"] = "00:00:03" });
        var id = await t.TrackScriptedAsync("Terms of Service", "/terms", "<html><body><main id=\"terms\">Static text</main></body></html>", "#terms");

        var outcome = await t.CheckAsync(id);

        Assert.Equal(CaptureStatus.Failed, outcome.Status);
        Assert.Contains($"the remote browser at Fetch:Browser:Endpoint {endpoint} cannot be started", outcome.Detail);
        Assert.Empty(t.Site.Requests);
    }

    [Fact]
    public async Task The_browser_starts_on_first_use_serves_later_cycles_and_is_closed_on_shutdown()
    {
        var t = await TrackedSite.StartRenderedAsync();
        string proxy;
        try
        {
            var id = await t.TrackScriptedAsync("Terms of Service", "/terms", "<html><body><main id=\"t\"></main><script>document.getElementById('t').textContent='v1';</script></body></html>", "#t");
            Assert.False(t.Renderer.IsStarted);
            Assert.Null(t.Renderer.ProxyAddress);

            await t.CheckAsync(id);
            proxy = t.Renderer.ProxyAddress!;
            var first = ChromiumProcesses.WithProxy(proxy);
            Assert.NotEmpty(first);
            t.Site.Page("/terms", "<html><body><main id=\"t\"></main><script>document.getElementById('t').textContent='v2';</script></body></html>");
            var second = await t.CheckAsync(id);

            Assert.Equal(CaptureStatus.Changed, second.Status);
            Assert.Equal(first, ChromiumProcesses.WithProxy(proxy));
        }
        finally
        {
            await t.DisposeAsync();
        }
        Assert.Empty(ChromiumProcesses.WithProxy(proxy));
    }
}
