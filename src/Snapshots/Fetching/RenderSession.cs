using System.Collections.Concurrent;
using Microsoft.Playwright;
using Snapshots.Catalog;

namespace Snapshots.Fetching;

/// <summary>
/// One render in a (possibly reused) browser context: what its routing needs (the declaration, the capture gate, the inputs
/// recorder, the network-quiet counter), the pages it opened (its own and any window it opened) and the origins it reached,
/// whose storage is cleared before the context serves another render.
/// </summary>
internal sealed class RenderSession(SourceDeclaration source)
{
    private readonly ConcurrentDictionary<IPage, bool> _pages = new();
    private readonly ConcurrentDictionary<string, bool> _origins = new(StringComparer.OrdinalIgnoreCase);

    public SourceDeclaration Source { get; } = source;

    public CaptureGate Captured { get; } = new();

    public RenderInputsRecorder Inputs { get; } = new(source.Url, DateTimeOffset.UtcNow);

    public NetworkQuiet Quiet { get; } = new();

    /// <summary>Pages opened in the context during this render: its own page, then any window the page opened.</summary>
    public int PagesOpened => _pages.Count;

    /// <summary>Origins (<c>scheme://host:port</c>) this render's pages requested, the page's own first.</summary>
    public IReadOnlyCollection<string> Origins => [.. _origins.Keys];

    public void Adopt(IPage page) => _pages.TryAdd(page, true);

    public void Reached(string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            _origins.TryAdd(uri.GetLeftPart(UriPartial.Authority), true);
    }

    /// <summary>
    /// Whether a request belongs to this render: made by one of its pages (a request of a page from an earlier render of the
    /// same context, closed by now, is not). A request without a frame (a worker's) is counted as this render's.
    /// </summary>
    public bool Owns(IRequest request)
    {
        IPage page;
        try { page = request.Frame.Page; }
        catch (PlaywrightException) { return true; }
        return _pages.ContainsKey(page);
    }
}
