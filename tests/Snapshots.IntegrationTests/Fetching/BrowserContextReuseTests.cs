using System.Text;
using Snapshots.Catalog;
using Snapshots.Fetching;
using Snapshots.IntegrationTests.Infrastructure;

namespace Snapshots.IntegrationTests.Fetching;

/// <summary>
/// Browser contexts are reused for renders of the same origin, within their bounds (renders, lifetime, memory), closed after
/// a failed render, and never shared between origins: real Chromium, loopback pages.
/// </summary>
public sealed class BrowserContextReuseTests
{
    private const string Written = "<html><body><main id=\"t\"></main><script>document.getElementById('t').textContent = 'rendered ' + location.pathname;</script></body></html>";

    [Fact]
    public async Task Renders_of_one_origin_share_one_context_and_each_gets_its_own_page()
    {
        await using var t = await TrackedSite.StartRenderedAsync();
        for (var i = 0; i < 5; i++) t.Site.Page($"/p{i}", Written);

        for (var i = 0; i < 5; i++)
            Assert.Contains($"rendered /p{i}", await RenderTextAsync(t.Renderer, t.Site.Url($"/p{i}"), "#t"));

        Assert.Equal(5, t.Renderer.PagesOpened);
        Assert.Equal(1, t.Renderer.ContextsOpened);
        Assert.Equal(1, t.Renderer.ContextsOpen);
    }

    [Fact]
    public async Task One_render_per_context_opens_a_context_for_every_render_as_before()
    {
        await using var t = await TrackedSite.StartRenderedAsync(new() { ["Fetch:Browser:RendersPerContext"] = "1" });
        t.Site.Page("/p", Written);

        for (var i = 0; i < 3; i++) await RenderTextAsync(t.Renderer, t.Site.Url("/p"), "#t");

        Assert.Equal(3, t.Renderer.ContextsOpened);
        Assert.Equal(0, t.Renderer.ContextsOpen);
    }

    [Fact]
    public async Task A_context_is_closed_after_its_number_of_renders()
    {
        await using var t = await TrackedSite.StartRenderedAsync(new() { ["Fetch:Browser:RendersPerContext"] = "2" });
        t.Site.Page("/p", Written);

        for (var i = 0; i < 5; i++) await RenderTextAsync(t.Renderer, t.Site.Url("/p"), "#t");

        // Renders 1-2, 3-4 and 5: the first two contexts closed when their second render ended.
        Assert.Equal(3, t.Renderer.ContextsOpened);
        Assert.Equal(1, t.Renderer.ContextsOpen);
    }

    [Fact]
    public async Task A_context_is_closed_after_its_lifetime()
    {
        await using var t = await TrackedSite.StartRenderedAsync(new() { ["Fetch:Browser:ContextLifetime"] = "00:00:02" });
        t.Site.Page("/p", Written);

        await RenderTextAsync(t.Renderer, t.Site.Url("/p"), "#t");
        Assert.Equal(1, t.Renderer.ContextsOpened);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        await RenderTextAsync(t.Renderer, t.Site.Url("/p"), "#t");

        // The expired context was closed when the next render of its origin came, which got a new one (itself closed at
        // once if that render outlived the lifetime, as it can on a loaded machine).
        Assert.Equal(2, t.Renderer.ContextsOpened);
        Assert.InRange(t.Renderer.ContextsOpen, 0, 1);
    }

    [Fact]
    public async Task A_context_is_closed_after_a_render_that_failed()
    {
        await using var t = await TrackedSite.StartRenderedAsync(new() { ["Fetch:Timeout"] = "00:00:08" });
        t.Site.Page("/p", Written);

        await RenderTextAsync(t.Renderer, t.Site.Url("/p"), "#t");
        var failed = await Assert.ThrowsAsync<FetchException>(() => RenderTextAsync(t.Renderer, t.Site.Url("/p"), "#never"));
        Assert.Contains("select \"#never\" did not appear", failed.Message);
        Assert.Equal(0, t.Renderer.ContextsOpen);
        Assert.Contains("rendered /p", await RenderTextAsync(t.Renderer, t.Site.Url("/p"), "#t"));

        Assert.Equal(2, t.Renderer.ContextsOpened);
        Assert.Equal(1, t.Renderer.ContextsOpen);
    }

    [Fact]
    public async Task A_context_whose_render_took_more_memory_than_its_bound_is_closed()
    {
        await using var t = await TrackedSite.StartRenderedAsync(new() { ["Fetch:Browser:ContextMemoryLimit"] = (48L * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        t.Site.Page("/light", Written);
        // About 80 MB of JavaScript heap kept alive by the page.
        t.Site.Page("/heavy", """
            <html><body><main id="t"></main><script>
              window.kept = []; for (let i = 0; i < 80; i++) window.kept.push(new Array(1 << 17).fill(i + 0.5));
              document.getElementById('t').textContent = 'heavy ' + window.kept.length;
            </script></body></html>
            """);

        await RenderTextAsync(t.Renderer, t.Site.Url("/light"), "#t");
        await RenderTextAsync(t.Renderer, t.Site.Url("/light"), "#t");
        Assert.Equal(1, t.Renderer.ContextsOpened);
        Assert.Contains("heavy 80", await RenderTextAsync(t.Renderer, t.Site.Url("/heavy"), "#t"));
        Assert.Equal(0, t.Renderer.ContextsOpen);
        await RenderTextAsync(t.Renderer, t.Site.Url("/light"), "#t");

        Assert.Equal(2, t.Renderer.ContextsOpened);
    }

    [Fact]
    public async Task Cookies_and_storage_of_one_site_are_never_seen_by_another_sites_render_nor_by_the_next_render_of_the_same_site()
    {
        await using var t = await TrackedSite.StartRenderedAsync();
        await using var other = await LoopbackSite.StartAsync();
        // Cookies ignore the port: in a shared context the other site (same host, another port) would see this one's cookie.
        const string report = """
            <main id="t"></main><script>
              let idb = 'none';
              const done = () => { document.getElementById('t').textContent =
                'cookie=[' + document.cookie + '] local=[' + localStorage.getItem('who') + '] idb=[' + idb + ']';
                document.body.insertAdjacentHTML('beforeend', '<p id="done">done</p>'); };
              const open = indexedDB.open('probe'); open.onupgradeneeded = () => open.result.createObjectStore('s');
              open.onsuccess = () => { const get = open.result.transaction('s').objectStore('s').get('who');
                get.onsuccess = () => { idb = String(get.result); done(); }; get.onerror = done; };
              open.onerror = done;
            </script>
            """;
        t.Site.Page("/set", """
            <html><body><main id="t"></main><script>
              document.cookie = 'who=site-a; path=/; max-age=3600';
              localStorage.setItem('who', 'site-a');
              const open = indexedDB.open('probe'); open.onupgradeneeded = () => open.result.createObjectStore('s');
              open.onsuccess = () => { const tx = open.result.transaction('s', 'readwrite'); tx.objectStore('s').put('site-a', 'who');
                tx.oncomplete = () => { document.getElementById('t').textContent = 'set cookie=[' + document.cookie + '] local=[' + localStorage.getItem('who') + ']';
                  document.body.insertAdjacentHTML('beforeend', '<p id="done">done</p>'); }; };
            </script></body></html>
            """);
        t.Site.Page("/read", $"<html><body>{report}</body></html>");
        other.Page("/read", $"<html><body>{report}</body></html>");

        var set = await RenderTextAsync(t.Renderer, t.Site.Url("/set"), "#done");
        Assert.Contains("set cookie=[who=site-a] local=[site-a]", set);
        var otherSite = await RenderTextAsync(t.Renderer, other.Url("/read"), "#done");
        var sameSite = await RenderTextAsync(t.Renderer, t.Site.Url("/read"), "#done");

        Assert.Contains("cookie=[] local=[null] idb=[undefined]", otherSite);
        Assert.Contains("cookie=[] local=[null] idb=[undefined]", sameSite);
        Assert.DoesNotContain(other.Requests, r => r.Header("Cookie") is not null);
        Assert.DoesNotContain(t.Site.Requests, r => r.Header("Cookie") is not null);
        // Two origins, two contexts; the same-site read was rendered in the context that set the cookie.
        Assert.Equal(2, t.Renderer.ContextsOpened);
        Assert.Equal(3, t.Renderer.PagesOpened);
    }

    /// <summary>Renders <paramref name="url"/> (executeClientScripts, waiting for <paramref name="select"/>) and returns the rendered DOM.</summary>
    internal static async Task<string> RenderTextAsync(BrowserRenderer renderer, Uri url, string select)
    {
        var source = new SourceDeclaration(url.AbsoluteUri, [new CssSelector(select)], []) { ExecuteClientScripts = true };
        var page = await renderer.RenderAsync(source, CancellationToken.None);
        return Encoding.UTF8.GetString(page.Body);
    }
}
