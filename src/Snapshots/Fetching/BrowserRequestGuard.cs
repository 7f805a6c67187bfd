using System.Collections.Concurrent;
using System.Net;
using Microsoft.Playwright;

namespace Snapshots.Fetching;

/// <summary>
/// The SSRF guard of every request a browser makes, local or remote: the browser's routing hands each HTTP(S) request of
/// a page (navigations, frames, sub-resources, fetch/XHR, beacons, event sources, dedicated workers' requests, popups) to
/// this process, which makes it through the same <see cref="GuardedConnector"/> as static fetches and answers the browser
/// with the response. Redirects are followed here, hop by hop through the guard (up to Fetch:MaxRedirects), because the
/// browser would follow a redirect it is given without asking again; the browser gets the final response, under the URL it
/// asked for. A refused connection aborts the request. WebSockets are refused outright: a legal page needs none.
/// What the routing does not see (speculative prefetches and prerenders, service and shared workers) goes to the browser's
/// own network, which leads nowhere: a <see cref="ClosedProxy"/> for a local browser, <see cref="NowhereProxy"/> for a remote one.
/// </summary>
internal sealed class BrowserRequestGuard : IDisposable
{
    private static readonly HashSet<string> DroppedResponseHeaders = new(StringComparer.OrdinalIgnoreCase)
        { "content-encoding", "content-length", "transfer-encoding", "connection", "keep-alive" };

    private readonly HttpClient _client;
    private readonly int _maxRedirects;
    private readonly ConcurrentQueue<string> _refusals = new();

    /// <summary>
    /// The proxy of a remote browser's contexts: a closed port on the remote machine's own loopback, so that a request the
    /// routing does not hand over fails to connect instead of leaving directly. Playwright proxies loopback too
    /// (<c>&lt;-loopback&gt;</c>), so no address is left out.
    /// </summary>
    public const string NowhereProxy = "http://127.0.0.1:1";

    public BrowserRequestGuard(FetchOptions options)
    {
        _maxRedirects = options.MaxRedirects;
        _client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = options.AttemptTimeout,
            ConnectCallback = new GuardedConnector(options.AddressPolicy()).ConnectAsync,
        })
        {
            Timeout = options.Timeout,
            MaxResponseContentBufferSize = Math.Min(options.MaxBodyBytes, int.MaxValue),
        };
    }

    /// <summary>The last requests refused by the policy (most recent last, at most 200).</summary>
    public IReadOnlyList<string> Refusals => _refusals.ToArray();

    public async Task GuardAsync(IBrowserContext context)
    {
        await context.RouteWebSocketAsync(new System.Text.RegularExpressions.Regex(".*"), socket =>
        {
            // Never connected to the server (no ConnectToServer): the page gets a socket that closes at once.
            Remember($"{socket.Url}: WebSockets are not opened for a rendered page");
            _ = socket.CloseAsync();
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes the route's request here, guarded, and answers the browser with the response; aborts it when refused.
    /// <paramref name="observe"/> is told, before the browser is answered, the response it will get (null: aborted, refused or
    /// failed); a data or blob URL, which the browser resolves itself, is not an HTTP request and is not observed.
    /// </summary>
    public async Task FulfillAsync(IRoute route, CancellationToken ct, Action<GuardedResponse?>? observe = null)
    {
        var request = route.Request;
        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            if (url?.Scheme is "data" or "blob") { await route.ContinueAsync().ConfigureAwait(false); return; }
            Remember($"{request.Url}: unsupported scheme");
            observe?.Invoke(null);
            await route.AbortAsync("accessdenied").ConfigureAwait(false);
            return;
        }

        var headers = await request.AllHeadersAsync().ConfigureAwait(false);
        var (response, failure) = await SendAsync(new HttpMethod(request.Method), url, headers, request.PostDataBuffer, ct).ConfigureAwait(false);
        observe?.Invoke(response);
        if (response is null)
        {
            await route.AbortAsync(failure).ConfigureAwait(false);
            return;
        }
        var answer = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in response.Headers)
            if (!DroppedResponseHeaders.Contains(name)) answer[name] = value;
        await route.FulfillAsync(new RouteFulfillOptions { Status = response.Status, Headers = answer, BodyBytes = response.Body }).ConfigureAwait(false);
    }

    /// <summary>
    /// A plain GET made here, guarded and following redirects as for the browser, with the validators of an earlier response
    /// (<see cref="RenderRevalidator"/>); null when it was refused or failed (<paramref name="failure"/> says how).
    /// </summary>
    public async Task<(GuardedResponse? Response, string Failure)> GetAsync(Uri url, ConditionalRequest? validators, string userAgent, CancellationToken ct)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["user-agent"] = userAgent, ["accept"] = "*/*" };
        if (validators?.ETag is { } etag) headers["if-none-match"] = etag;
        if (validators?.LastModified is { } modified) headers["if-modified-since"] = modified;
        return await SendAsync(HttpMethod.Get, url, headers, null, ct).ConfigureAwait(false);
    }

    private async Task<(GuardedResponse? Response, string Failure)> SendAsync(HttpMethod method, Uri url, Dictionary<string, string> headers, byte[]? body, CancellationToken ct)
    {
        var current = url;
        HttpResponseMessage response;
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                using var message = Message(method, current, headers, body);
                response = await _client.SendAsync(message, ct).ConfigureAwait(false);
                if ((int)response.StatusCode is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is not { } location || redirects == _maxRedirects) break;
                response.Dispose();
                current = location.IsAbsoluteUri ? location : new Uri(current, location);
                if (current.Scheme != Uri.UriSchemeHttp && current.Scheme != Uri.UriSchemeHttps)
                {
                    Remember($"{current}: redirect to an unsupported scheme");
                    return (null, "accessdenied");
                }
                // As browsers do: 303, and 301/302 after a POST, continue as a GET without a body.
                if ((int)response.StatusCode == 303 || method == HttpMethod.Post) { method = HttpMethod.Get; body = null; }
            }
        }
        catch (HttpRequestException e) when (AddressRefusedException.FindIn(e) is { } refused)
        {
            Remember($"{Endpoint(current)}: {refused.Message}");
            return (null, "addressunreachable");
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            return (null, "failed");
        }

        using (response)
        {
            byte[] bytes;
            try { bytes = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false); }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
            {
                return (null, "failed");
            }
            var answer = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in response.Headers.Concat(response.Content.Headers))
                answer[header.Key] = string.Join(header.Key.Equals("set-cookie", StringComparison.OrdinalIgnoreCase) ? "\n" : ", ", header.Value);
            return (new GuardedResponse(current, (int)response.StatusCode, answer, bytes), "");
        }
    }

    private static HttpRequestMessage Message(HttpMethod method, Uri url, Dictionary<string, string> headers, byte[]? body)
    {
        var message = new HttpRequestMessage(method, url);
        if (body is not null) message.Content = new ByteArrayContent(body);
        foreach (var (name, value) in headers)
        {
            // The handler asks for the encodings it can decode itself (a browser's "zstd" would come back undecoded).
            if (name.StartsWith(':') || name.Equals("host", StringComparison.OrdinalIgnoreCase) || name.Equals("content-length", StringComparison.OrdinalIgnoreCase)
                || name.Equals("accept-encoding", StringComparison.OrdinalIgnoreCase)) continue;
            if (body is null && name.StartsWith("content-", StringComparison.OrdinalIgnoreCase)) continue;
            if (!message.Headers.TryAddWithoutValidation(name, value)) message.Content?.Headers.TryAddWithoutValidation(name, value);
        }
        return message;
    }

    /// <summary>"host:port" as refusals name it, an IPv6 host in brackets ("[::1]:8080").</summary>
    public static string Endpoint(Uri url) =>
        (url.HostNameType == UriHostNameType.IPv6 ? $"[{url.IdnHost}]" : url.IdnHost) + ":" + url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private void Remember(string refusal)
    {
        _refusals.Enqueue(refusal);
        while (_refusals.Count > 200) _refusals.TryDequeue(out _);
    }

    public void Dispose() => _client.Dispose();
}
