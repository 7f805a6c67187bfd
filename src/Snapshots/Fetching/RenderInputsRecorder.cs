using System.Collections.Concurrent;
using Snapshots.Text;

namespace Snapshots.Fetching;

/// <summary>
/// Collects, during one render, the responses that can change the page's DOM (<see cref="RenderInputs"/>): the document and the
/// same-origin scripts, XHR, fetch and event-source responses (stylesheets, images, media, fonts and beacons cannot change the
/// text). A settled client error (<see cref="Settled"/>: a chunk that is not there, an API that answers 401 or 403 to a visitor
/// who is not signed in) is an input like any other, kept with its status. Anything it cannot revalidate makes the whole render
/// uncertain, and the page is then rendered on every check: a request with a body or a method other than GET, a cross-origin
/// response that can change the DOM, a redirect, a server error or a client error that may pass (408, 425, 429), one marked
/// <c>Cache-Control: no-store</c>, a request that failed or was refused, more than <see cref="RenderInputs.MaxInputs"/>.
/// </summary>
internal sealed class RenderInputsRecorder(Uri page, DateTimeOffset renderedAt)
{
    private static readonly HashSet<string> FeedsTheDom = new(StringComparer.OrdinalIgnoreCase)
        { "document", "script", "xhr", "fetch", "eventsource" };

    private readonly ConcurrentDictionary<string, RenderInput> _inputs = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _uncertain = new();
    private readonly string _origin = page.GetLeftPart(UriPartial.Authority);

    /// <summary>Why this render's inputs cannot be revalidated (the first reason), or null while they can.</summary>
    public string? Uncertain => _uncertain.TryPeek(out var reason) ? reason : null;

    /// <summary>Whether a request of this resource type can change the DOM (and so must be revalidated).</summary>
    public static bool CanChangeTheDom(string resourceType) => FeedsTheDom.Contains(resourceType);

    /// <summary>One request the page made that can change the DOM, and what answered it (null: aborted, refused or failed).</summary>
    public void Observe(string method, string url, bool hasBody, GuardedResponse? response)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)) return;
        if (!string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase) || hasBody) { Doubt($"{method} {url}: not a plain GET"); return; }
        if (!string.Equals(uri.GetLeftPart(UriPartial.Authority), _origin, StringComparison.OrdinalIgnoreCase)) { Doubt($"{url}: cross-origin"); return; }
        if (response is null) { Doubt($"{url}: not loaded"); return; }
        var succeeded = RenderInput.IsSuccess(response.Status);
        if (!succeeded && !Settled(response.Status)) { Doubt($"{url}: HTTP {response.Status}"); return; }
        if (response.Header("cache-control") is { } cache && cache.Contains("no-store", StringComparison.OrdinalIgnoreCase)) { Doubt($"{url}: Cache-Control: no-store"); return; }
        var input = succeeded
            ? new RenderInput(uri, response.Header("etag"), response.Header("last-modified"), Sha256Hex.Of(response.Body))
            : new RenderInput(uri, null, null, Sha256Hex.Of(response.Body), response.Status);
        _inputs.AddOrUpdate(uri.AbsoluteUri, input, (_, before) => before.Sha256 == input.Sha256 ? before : Doubted(uri, before));
    }

    /// <summary>
    /// A client error that says the same thing until the site changes (404 Not Found, 401 and 403 to a visitor, 410 Gone): the
    /// page was built without that response, and will be again while it answers so. Not a timeout, "too early" or "too many
    /// requests" (408, 425, 429), which pass.
    /// </summary>
    public static bool Settled(int status) => status is >= 400 and < 500 and not (408 or 425 or 429);

    /// <summary>The inputs, the document first (and answered 2xx); null when the render is uncertain or loaded too much to keep.</summary>
    public RenderInputs? Inputs()
    {
        if (Uncertain is not null || _inputs.IsEmpty || _inputs.Count > RenderInputs.MaxInputs) return null;
        var inputs = _inputs.Values.OrderBy(i => i.Url.AbsoluteUri == page.AbsoluteUri ? 0 : 1).ThenBy(i => i.Url.AbsoluteUri, StringComparer.Ordinal).ToList();
        if (inputs[0].Url.AbsoluteUri != page.AbsoluteUri || !inputs[0].Succeeded) return null;
        var recorded = new RenderInputs(inputs, renderedAt);
        return recorded.ToRowValue() is null ? null : recorded;
    }

    private RenderInput Doubted(Uri url, RenderInput before)
    {
        Doubt($"{url}: two different bodies in one render");
        return before;
    }

    private void Doubt(string reason) => _uncertain.Enqueue(reason);
}

/// <summary>A response the <see cref="BrowserRequestGuard"/> made for the browser: status, headers (lower-cased names) and decoded body.</summary>
internal sealed record GuardedResponse(Uri FinalUrl, int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
