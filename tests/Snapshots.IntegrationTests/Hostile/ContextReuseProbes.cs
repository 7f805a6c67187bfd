using Snapshots.IntegrationTests.Fetching;
using Snapshots.IntegrationTests.Infrastructure;

namespace Snapshots.IntegrationTests.Hostile;

/// <summary>
/// A page that poisons the browser context it was rendered in must not affect the next render of its origin, which reuses that
/// context (Fetch:Browser:RendersPerContext): storage filled, written again as the page goes away and by timers; a storm of
/// windows; a page whose script never yields once its DOM is taken; workers spinning forever. Real Chromium, loopback pages.
/// </summary>
[Trait("Category", "Hostile")]
public sealed class ContextReuseProbes
{
    private const string Clean = """
        <html><body><main id="t"></main><script>
          let idb = 'none', cached = 'none';
          const done = () => { document.getElementById('t').textContent =
            'cookie=[' + document.cookie + '] local=' + localStorage.length + ' session=' + sessionStorage.length + ' idb=[' + idb + '] cache=[' + cached + ']';
            document.body.insertAdjacentHTML('beforeend', '<p id="done">done</p>'); };
          caches.keys().then(keys => { cached = keys.join(','); }).catch(() => { cached = 'error'; }).finally(() => {
            const open = indexedDB.open('poison'); open.onupgradeneeded = () => open.result.createObjectStore('s');
            open.onsuccess = () => { const get = open.result.transaction('s').objectStore('s').count();
              get.onsuccess = () => { idb = String(get.result); done(); }; get.onerror = done; };
            open.onerror = done;
          });
        </script></body></html>
        """;

    [Fact]
    public async Task Storage_filled_by_a_page_and_written_again_as_it_goes_away_is_empty_for_the_next_render_of_its_origin()
    {
        // A memory bound high enough that the poisoned context is kept and reused: the cleaning is what is tested.
        await using var t = await TrackedSite.StartRenderedAsync(new() { ["Fetch:Browser:ContextMemoryLimit"] = (1L << 30).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        t.Site.Page("/poison", """
            <html><body><main id="t"></main><script>
              const chunk = 'x'.repeat(1 << 20);
              let stored = 0;
              try { for (let i = 0; i < 20; i++) { localStorage.setItem('k' + i, chunk); stored++; } } catch (e) { }
              for (let i = 0; i < 40; i++) document.cookie = 'c' + i + '=' + 'y'.repeat(100) + '; path=/; max-age=86400';
              sessionStorage.setItem('s', chunk);
              // Written again and again while the page lives, and once more as it goes away.
              setInterval(() => { localStorage.setItem('late', String(Date.now())); document.cookie = 'late=1; path=/'; }, 5);
              addEventListener('pagehide', () => { localStorage.setItem('unload', '1'); document.cookie = 'unload=1; path=/; max-age=86400'; });
              caches.open('poison').then(c => c.put('/poisoned', new Response('poison'))).finally(() => {
                const open = indexedDB.open('poison'); open.onupgradeneeded = () => open.result.createObjectStore('s');
                open.onsuccess = () => { const tx = open.result.transaction('s', 'readwrite');
                  for (let i = 0; i < 200; i++) tx.objectStore('s').put(chunk.slice(0, 10000), i);
                  tx.oncomplete = () => { document.getElementById('t').textContent = 'poisoned ' + stored + ' MiB ' + document.cookie.length;
                    document.body.insertAdjacentHTML('beforeend', '<p id="done">done</p>'); }; };
              });
            </script></body></html>
            """);
        t.Site.Page("/clean", Clean);

        var poisoned = await BrowserContextReuseTests.RenderTextAsync(t.Renderer, t.Site.Url("/poison"), "#done");
        Assert.Matches("poisoned [1-9][0-9]* MiB [1-9]", poisoned);
        var next = await BrowserContextReuseTests.RenderTextAsync(t.Renderer, t.Site.Url("/clean"), "#done");

        Assert.Contains("cookie=[] local=0 session=0 idb=[0] cache=[]", next);
        Assert.Null(t.Site.Requests.Last(r => r.Path == "/clean").Header("Cookie"));
        Assert.Equal(1, t.Renderer.ContextsOpened);
    }

    [Fact]
    public async Task A_storm_of_windows_does_not_reach_the_next_render_of_its_origin()
    {
        await using var t = await TrackedSite.StartRenderedAsync();
        t.Site.Page("/storm", """
            <html><body><main id="t">storm</main><script>
              for (let i = 0; i < 20; i++) window.open('/popup?' + i);
              setInterval(() => { for (let i = 0; i < 3; i++) window.open('about:blank'); }, 20);
            </script></body></html>
            """);
        t.Site.Page("/popup", "<html><body><p>popup</p><script>setInterval(() => window.open('about:blank'), 50);</script></body></html>");
        t.Site.Page("/next", """
            <html><body><main id="t"></main><script>
              document.getElementById('t').textContent = 'next opener=' + (window.opener === null) + ' cookie=[' + document.cookie + ']';
            </script></body></html>
            """);

        await BrowserContextReuseTests.RenderTextAsync(t.Renderer, t.Site.Url("/storm"), "#t");
        var started = DateTime.UtcNow;
        var next = await BrowserContextReuseTests.RenderTextAsync(t.Renderer, t.Site.Url("/next"), "#t");

        Assert.Contains("next opener=true cookie=[]", next);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), $"the next render took {DateTime.UtcNow - started}");
        // The storming context was closed with its windows; the next render had a context of its own, which is all that is open.
        Assert.Equal(2, t.Renderer.ContextsOpened);
        Assert.Equal(1, t.Renderer.ContextsOpen);
    }

    [Fact]
    public async Task A_page_that_never_yields_as_it_goes_away_costs_a_bounded_time_and_not_the_next_render()
    {
        await using var t = await TrackedSite.StartRenderedAsync();
        t.Site.Page("/spin", """
            <html><body><main id="t">spin</main><script>
              addEventListener('pagehide', () => { for (;;) { } });
              const worker = new Worker(URL.createObjectURL(new Blob(['for (;;) { }'], { type: 'text/javascript' })));
              if (navigator.serviceWorker) navigator.serviceWorker.register('/sw.js').catch(() => { });
            </script></body></html>
            """);
        t.Site.Page("/sw.js", "self.addEventListener('install', () => { for (;;) { } }); self.addEventListener('fetch', e => { for (;;) { } });", "text/javascript");
        t.Site.Page("/next", Written);

        // The browser started by a first render, so that the time measured is the spinning page's.
        Assert.Contains("rendered /next", await BrowserContextReuseTests.RenderTextAsync(t.Renderer, t.Site.Url("/next"), "#t"));
        var started = DateTime.UtcNow;
        Assert.Contains("spin", await BrowserContextReuseTests.RenderTextAsync(t.Renderer, t.Site.Url("/spin"), "#t"));
        var spun = DateTime.UtcNow - started;
        var next = await BrowserContextReuseTests.RenderTextAsync(t.Renderer, t.Site.Url("/next"), "#t");

        Assert.True(spun < TimeSpan.FromSeconds(25), $"the spinning page's render took {spun}");
        Assert.Contains("rendered /next", next);
        Assert.Equal(0, t.Site.RequestCount("/sw.js"));
        // The spinning page's context was closed (its cleaning could not finish); the next render had a new one.
        Assert.Equal(2, t.Renderer.ContextsOpened);
        Assert.Equal(1, t.Renderer.ContextsOpen);
    }

    private const string Written = "<html><body><main id=\"t\"></main><script>document.getElementById('t').textContent = 'rendered ' + location.pathname;</script></body></html>";
}
