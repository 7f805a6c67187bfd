using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using Snapshots.Catalog;
using Snapshots.Text;

namespace Snapshots.Fetching;

/// <summary>
/// Renders pages declared with <c>executeClientScripts</c> in headless Chromium, as Open Terms Archive's fetcher does:
/// navigate, wait until the declared selectors are present (bounded by Fetch:Timeout), take the rendered DOM. The DOM
/// goes on as an HTML page through exactly the same extraction as a static page.
/// The browser is started on first use, shared by every render of the process (a new page per render, at most
/// <see cref="BrowserOptions.MaxConcurrentPages"/> at once, in a context reused for renders of the same origin with a bounded
/// lifetime: <see cref="BrowserContextPool"/>), and closed when the renderer is disposed (host shutdown).
/// Local or remote (<see cref="BrowserOptions.Endpoint"/>), the browser makes no request itself: its routing hands every
/// request of the page to this process, which makes it through the same SSRF guard as static fetches
/// (<see cref="BrowserRequestGuard"/>), and the browser's own network leads nowhere (<see cref="ClosedProxy"/>,
/// <see cref="BrowserRequestGuard.NowhereProxy"/>), so what the routing does not see (speculative loads, service and shared
/// workers) gets nothing. Once the DOM is taken the routing answers nothing more; the page is closed and its context cleaned for the next render
/// of its origin (<see cref="ContextCleaner"/>) or closed.
/// Every failure is a <see cref="FetchException"/> naming the URL and, for a missing browser, the setting and the install command.
/// </summary>
public sealed class BrowserRenderer(IOptions<FetchOptions> options, PerHostPoliteness politeness, ILogger<BrowserRenderer> log) : IAsyncDisposable, IDisposable
{
    private static readonly string[] ChromiumFlags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
        // Memory (issue 25): with --disable-gpu the "GPU" process only composites in software, and the full-page screenshot
        // of a long policy page made it the largest process of the tree (450-820 MiB resident against 80 MiB for Open Terms
        // Archive's fetcher, which takes no screenshot). Run as a thread of the browser process, it shares the browser's
        // memory instead of holding its own copy of the frames: the screenshots are byte for byte the same. No isolation
        // between sites is lost: renderers stay one per site (site-per-process is untouched), and the GPU process has no
        // sandbox of its own here (--no-sandbox); a crash of the compositor now ends the browser, which the next render restarts.
        // (Not added: --disable-features or --enable-features, which would replace Playwright's own lists and changed a
        // screenshot; --renderer-process-limit, which cannot merge renderers of different sites under site-per-process and
        // so saves nothing across sites; --js-flags=--max-old-space-size, which would make a heavy page crash instead of render.)
        "--in-process-gpu",
    ];

    private readonly FetchOptions _fetch = options.Value;
    private readonly BrowserOptions _options = options.Value.Browser;
    private readonly SemaphoreSlim _starting = new(1, 1);
    private readonly SemaphoreSlim _pages = new(Math.Max(1, options.Value.Browser.MaxConcurrentPages));
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private ClosedProxy? _proxy;
    private BrowserRequestGuard? _guard;
    private readonly BrowserContextPool _contexts = new(options.Value.Browser, log);
    private bool _disposed;

    /// <summary>Requests refused, "host:port: reason": the closed proxy's first, then the guard's, each most recent last (for logs and tests).</summary>
    internal IReadOnlyList<string> Refusals => [.. _proxy?.Refusals ?? [], .. _guard?.Refusals ?? []];

    /// <summary>The address of the local browser's closed proxy, or null when no local browser runs.</summary>
    internal string? ProxyAddress => _proxy?.Address;

    private int _pagesOpened;
    private int _screenshots;
    private int _rendering;

    /// <summary>Pages opened in the browser by this renderer so far (each render opens one).</summary>
    public int PagesOpened => Volatile.Read(ref _pagesOpened);

    /// <summary>Screenshots taken so far: one per render (Fetch:Browser:Screenshot not None), except a render whose DOM the last check verified.</summary>
    public int ScreenshotsTaken => Volatile.Read(ref _screenshots);

    /// <summary>Browser contexts opened by this renderer so far (a context serves up to <see cref="BrowserOptions.RendersPerContext"/> renders of one origin).</summary>
    public int ContextsOpened => _contexts.Opened;

    /// <summary>Contexts open in the browser now: idle ones waiting for their origin's next render and those rendering.</summary>
    internal int ContextsOpen => _browser is { IsConnected: true } browser ? browser.Contexts.Count : 0;

    /// <summary>True once a browser has been started or connected (and not closed since).</summary>
    public bool IsStarted => _browser is { IsConnected: true };

    /// <param name="verifiedSha256">
    /// The SHA-256 of the DOM the last check verified, when the check would call the same bytes unchanged: a render that gives
    /// them takes no screenshot (nothing keeps the capture of an unchanged check), about half of a render's CPU.
    /// </param>
    public async Task<FetchedPage> RenderAsync(SourceDeclaration source, CancellationToken ct, string? verifiedSha256 = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var url = source.Url;
        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            throw new FetchException(url, $"unsupported scheme {url.Scheme}: only http and https are fetched");

        await _pages.WaitAsync(ct).ConfigureAwait(false);
        var entered = false;
        try
        {
            await WaitForMemoryAsync(ct).ConfigureAwait(false);
            Interlocked.Increment(ref _rendering);
            entered = true;
            // Starting the browser has its own time limit; Fetch:Timeout bounds the page itself.
            var browser = await BrowserAsync(url, ct).ConfigureAwait(false);
            // The navigation takes its turn with the host like a static fetch (Fetch:PerHostRequestsPerMinute).
            using (var navigation = new HttpRequestMessage(HttpMethod.Get, url))
                await politeness.WaitForTurnAsync(navigation, ct).ConfigureAwait(false);
            return await RenderInContextAsync(browser, source, verifiedSha256, DateTime.UtcNow + _fetch.Timeout, ct).ConfigureAwait(false);
        }
        finally
        {
            if (entered) Interlocked.Decrement(ref _rendering);
            _pages.Release();
        }
    }

    /// <summary>
    /// A render beyond the first in flight waits while the machine has less than <see cref="BrowserOptions.MemoryPerPage"/>
    /// available (bounded by Fetch:Timeout, then it goes ahead: the count bound still holds).
    /// </summary>
    private async Task WaitForMemoryAsync(CancellationToken ct)
    {
        if (_options.MemoryPerPage <= 0) return;
        var until = DateTime.UtcNow + _fetch.Timeout;
        while (Volatile.Read(ref _rendering) > 0 && AvailableMemory.Bytes() is { } available && available < _options.MemoryPerPage && DateTime.UtcNow < until)
            await Task.Delay(100, ct).ConfigureAwait(false);
    }

    private async Task<FetchedPage> RenderInContextAsync(IBrowser browser, SourceDeclaration source, string? verifiedSha256, DateTime deadline, CancellationToken ct)
    {
        var url = source.Url;
        var guard = _guard ?? throw new InvalidOperationException("the browser started without its request guard");
        PooledContext pooled;
        try
        {
            var origin = url.GetLeftPart(UriPartial.Authority);
            pooled = await _contexts.LeaseAsync(origin, () => OpenContextAsync(browser, origin, guard)).ConfigureAwait(false);
        }
        catch (PlaywrightException e)
        {
            throw new FetchException(url, $"the browser cannot open a page: {e.Message}", e);
        }

        var context = pooled.Context;
        var session = new RenderSession(source);
        pooled.Begin(session);
        // Anything but a render that ended well and left its context clean closes the context (failed, timed out, cancelled).
        string? retire = "the render did not complete";
        IPage? page = null;
        try
        {
            using var cancel = ct.Register(() => _ = context.CloseAsync());
            Interlocked.Increment(ref _pagesOpened);
            page = await context.NewPageAsync().ConfigureAwait(false);
            session.Adopt(page);
            var response = await page.GotoAsync(url.AbsoluteUri, new PageGotoOptions
            {
                WaitUntil = WaitUntilState.Load,
                Timeout = Milliseconds(Min(_options.NavigationTimeout, deadline - DateTime.UtcNow)),
            }).ConfigureAwait(false);
            var finalUrl = Uri.TryCreate(page.Url, UriKind.Absolute, out var final) ? final : url;
            var status = response?.Status ?? 200;
            if (response is not null && (status < 200 || status >= 300))
            {
                var refused = await response.HeaderValueAsync(ClosedProxy.RefusalHeader).ConfigureAwait(false);
                throw new FetchException(url, refused ?? $"HTTP {status} {response.StatusText}".TrimEnd()
                    + (finalUrl != url ? $" (at {finalUrl})" : ""));
            }

            foreach (var selector in RenderWaits.Of(source))
            {
                var left = deadline - DateTime.UtcNow;
                try
                {
                    await page.WaitForSelectorAsync("css=" + selector, new PageWaitForSelectorOptions
                    {
                        State = WaitForSelectorState.Attached,
                        Timeout = Milliseconds(left),
                    }).ConfigureAwait(false);
                }
                catch (System.TimeoutException e)
                {
                    throw new FetchException(url, $"select \"{selector}\" did not appear within {Describe.Duration(_fetch.Timeout)} of rendering the page", e);
                }
            }
            await WaitForQuietNetworkAsync(session.Quiet, deadline, ct).ConfigureAwait(false);

            var html = await page.ContentAsync().ConfigureAwait(false);
            // What fed this DOM: answered before it was taken (a request still in flight now fed nothing of it).
            var loaded = session.Inputs.Inputs();
            // The DOM is serialized as UTF-8 whatever charset the page declared: the byte-order mark tells the extraction so.
            var body = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(html)).ToArray();
            if (body.Length > _fetch.MaxBodyBytes)
                throw new FetchException(url, $"rendered page of {Describe.Bytes(body.Length)} exceeds the {Describe.Bytes(_fetch.MaxBodyBytes)} limit");
            // The capture's resource records: the DOM as rendered and a screenshot (Fetch:Browser:Screenshot), with the navigation's
            // exchange; no screenshot of the very DOM the last check verified (that check is unchanged, and keeps no capture).
            byte[]? screenshot = null;
            if (_options.Screenshot != ScreenshotMode.None && (verifiedSha256 is null || Sha256Hex.Of(body) != verifiedSha256))
            {
                screenshot = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = _options.Screenshot == ScreenshotMode.FullPage, Type = ScreenshotType.Png }).ConfigureAwait(false);
                Interlocked.Increment(ref _screenshots);
            }
            var exchange = response is null ? null : await ExchangeOfAsync(response, finalUrl).ConfigureAwait(false);
            // Taken: whatever the page starts from now on is answered with nothing, and the context is cleaned or closed on the way out.
            session.Captured.Close();
            var rendered = new FetchedPage(url, finalUrl, status, MediaTypes.Html, body, ETag: null, LastModified: null, NotModified: false,
                Exchange: exchange, Rendered: new RenderedCapture(body, screenshot)) { Inputs = loaded };
            retire = await ContextCleaner.CleanAsync(context, page, session, _options).ConfigureAwait(false);
            return rendered;
        }
        catch (FetchException)
        {
            throw;
        }
        catch (System.TimeoutException e)
        {
            throw new FetchException(url, $"the page did not load within {Describe.Duration(Min(_options.NavigationTimeout, _fetch.Timeout))}", e);
        }
        catch (PlaywrightException e) when (!ct.IsCancellationRequested)
        {
            throw new FetchException(url, DescribeNavigationFailure(url, e), e);
        }
        catch (PlaywrightException) when (ct.IsCancellationRequested)
        {
            throw new OperationCanceledException(ct);
        }
        finally
        {
            session.Captured.Close();
            pooled.End();
            if (retire is null && page is not null)
            {
                try { await page.CloseAsync(new PageCloseOptions { RunBeforeUnload = false }).ConfigureAwait(false); }
                catch (PlaywrightException) { retire = "its page could not be closed"; }
            }
            await _contexts.ReturnAsync(pooled, retire).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A new context for renders of <paramref name="origin"/>: its requests are routed to the render it serves at the
    /// time, through the guard; between renders, and for pages of an earlier render, the routing answers nothing.
    /// </summary>
    private async Task<PooledContext> OpenContextAsync(IBrowser browser, string origin, BrowserRequestGuard guard)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            UserAgent = _fetch.UserAgent,
            ServiceWorkers = ServiceWorkerPolicy.Block,
            // A remote browser has no proxy of ours: whatever its routing does not hand over must not leave directly.
            Proxy = _proxy is null ? new Proxy { Server = BrowserRequestGuard.NowhereProxy } : null,
            AcceptDownloads = false,
            JavaScriptEnabled = true,
        }).ConfigureAwait(false);
        var pooled = new PooledContext(context, origin, DateTime.UtcNow);
        try
        {
            // A window the page opens is that render's (it also keeps the context from serving another render).
            context.Page += (_, opened) => pooled.Current?.Adopt(opened);
            await guard.GuardAsync(context).ConfigureAwait(false);
            await context.RouteAsync("**/*", route => RouteAsync(route, pooled.Current, guard)).ConfigureAwait(false);
            return pooled;
        }
        catch
        {
            try { await context.CloseAsync().ConfigureAwait(false); }
            catch (PlaywrightException) { }
            throw;
        }
    }

    /// <summary>
    /// After the selectors: until no request of the page has been in flight for <see cref="BrowserOptions.NetworkQuietWindow"/>,
    /// at most <see cref="BrowserOptions.NetworkIdleWait"/> (a page that keeps polling: the selectors are there, the DOM is taken as it is).
    /// </summary>
    private async Task WaitForQuietNetworkAsync(NetworkQuiet quiet, DateTime deadline, CancellationToken ct)
    {
        var wait = Min(_options.NetworkIdleWait, deadline - DateTime.UtcNow);
        if (wait <= TimeSpan.Zero) return;
        await quiet.WaitAsync(_options.NetworkQuietWindow, wait, ct).ConfigureAwait(false);
    }

    private string DescribeNavigationFailure(Uri url, PlaywrightException e)
    {
        var first = e.Message.Split('\n')[0].Trim();
        var refusedByUs = first.Contains("ERR_TUNNEL_CONNECTION_FAILED", StringComparison.Ordinal) || first.Contains("ERR_ADDRESS_UNREACHABLE", StringComparison.Ordinal);
        if (!refusedByUs || Refusals is not { Count: > 0 } refusals) return $"rendering failed: {first}";
        var refusal = refusals.LastOrDefault(r => r.StartsWith(BrowserRequestGuard.Endpoint(url) + ": ", StringComparison.OrdinalIgnoreCase)) ?? refusals[^1];
        return refusal[(refusal.IndexOf(": ", StringComparison.Ordinal) + 2)..];
    }

    private async Task RouteAsync(IRoute route, RenderSession? session, BrowserRequestGuard guard)
    {
        try
        {
            var request = route.Request;
            if (session is null || session.Captured.IsClosed || !session.Owns(request) || RenderBlocking.Blocks(session.Source, _options, request.ResourceType, request.Url))
            {
                await route.AbortAsync("blockedbyclient").ConfigureAwait(false);
                return;
            }
            session.Reached(request.Url);
            // What can feed the DOM is remembered, before the browser gets it, for the next check's revalidation.
            var feeds = RenderInputsRecorder.CanChangeTheDom(request.ResourceType);
            var inputs = session.Inputs;
            session.Quiet.Started();
            try
            {
                await guard.FulfillAsync(route, session.Captured.Token, feeds ? response => inputs.Observe(request.Method, request.Url, request.PostDataBuffer is { Length: > 0 }, response) : null).ConfigureAwait(false);
            }
            finally
            {
                session.Quiet.Ended();
            }
        }
        catch (PlaywrightException)
        {
            // The page or context closed while the request was paused: nothing left to route.
        }
    }

    private async Task<IBrowser> BrowserAsync(Uri url, CancellationToken ct)
    {
        if (_browser is { IsConnected: true } running) return running;
        await _starting.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_browser is { IsConnected: true } started) return started;
            await CloseAsync().ConfigureAwait(false);
            _browser = await StartAsync(url).ConfigureAwait(false);
            return _browser;
        }
        finally
        {
            _starting.Release();
        }
    }

    private async Task<IBrowser> StartAsync(Uri url)
    {
        string? executable = null;
        if (string.IsNullOrWhiteSpace(_options.Endpoint))
        {
            executable = ChromiumLocator.Find(_options.ExecutablePath, out var problem);
            if (executable is null) throw new FetchException(url, $"this page needs a browser (executeClientScripts): {problem}");
        }
        try
        {
            _playwright ??= await Playwright.CreateAsync().ConfigureAwait(false);
            var timeout = Milliseconds(_options.StartTimeout);
            _guard = new BrowserRequestGuard(_fetch);
            if (executable is null) return await ConnectAsync(_playwright, _options.Endpoint!, timeout).ConfigureAwait(false);

            _proxy = new ClosedProxy();
            var browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                ChromiumSandbox = false,
                Args = ChromiumFlags,
                Proxy = new Proxy { Server = _proxy.Address },
                Timeout = timeout,
                HandleSIGINT = false,
                HandleSIGTERM = false,
                HandleSIGHUP = false,
            }).ConfigureAwait(false);
            log.LogInformation("Started {Browser} {Version} for scripted pages", executable, browser.Version);
            return browser;
        }
        catch (Exception e) when (e is PlaywrightException or System.TimeoutException)
        {
            await CloseAsync().ConfigureAwait(false);
            var what = executable is null ? $"the remote browser at Fetch:Browser:Endpoint {_options.Endpoint}" : $"Chromium ({executable})";
            throw new FetchException(url, $"this page needs a browser (executeClientScripts), and {what} cannot be started: {e.Message.Split('\n')[0]}. {ChromiumLocator.InstallHint}", e);
        }
    }

    private static async Task<IBrowser> ConnectAsync(IPlaywright playwright, string endpoint, float timeout)
    {
        var cdp = endpoint.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || endpoint.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || endpoint.Contains("/devtools/", StringComparison.Ordinal);
        return cdp
            ? await playwright.Chromium.ConnectOverCDPAsync(endpoint, new BrowserTypeConnectOverCDPOptions { Timeout = timeout }).ConfigureAwait(false)
            : await playwright.Chromium.ConnectAsync(endpoint, new BrowserTypeConnectOptions { Timeout = timeout }).ConfigureAwait(false);
    }

    private async Task CloseAsync()
    {
        await _contexts.CloseIdleAsync().ConfigureAwait(false);
        if (_browser is not null)
        {
            try { await _browser.CloseAsync().ConfigureAwait(false); }
            catch (PlaywrightException e) { log.LogDebug(e, "Closing the browser failed"); }
            await _browser.DisposeAsync().ConfigureAwait(false);
            _browser = null;
        }
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync().ConfigureAwait(false);
            _proxy = null;
        }
        _guard?.Dispose();
        _guard = null;
    }

    /// <summary>The navigation's request and response as the browser reports them (its body decoded by the browser), or null when it no longer has the body.</summary>
    private static async Task<HttpExchange?> ExchangeOfAsync(IResponse response, Uri finalUrl)
    {
        try
        {
            var requested = await response.Request.HeadersArrayAsync().ConfigureAwait(false);
            var received = await response.HeadersArrayAsync().ConfigureAwait(false);
            var body = await response.BodyAsync().ConfigureAwait(false);
            return new HttpExchange(DateTimeOffset.UtcNow, response.Request.Method, finalUrl, "HTTP/1.1",
                requested.Select(h => KeyValuePair.Create(h.Name, h.Value)).ToList(), response.Status, response.StatusText,
                received.Select(h => KeyValuePair.Create(h.Name, h.Value)).ToList(), body, Connection: null, BodyDecoded: true);
        }
        catch (PlaywrightException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _starting.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed) return;
            _disposed = true;
            await CloseAsync().ConfigureAwait(false);
            _playwright?.Dispose();
            _playwright = null;
        }
        finally
        {
            _starting.Release();
        }
    }

    /// <summary>For containers disposed synchronously: closes the browser all the same (never leaves a Chromium behind).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static float Milliseconds(TimeSpan span) => (float)Math.Max(1, span.TotalMilliseconds);
}
