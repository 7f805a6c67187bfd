using Microsoft.Playwright;

namespace Snapshots.Fetching;

/// <summary>
/// A browser context kept for several renders of one origin (<see cref="BrowserContextPool"/>): when it was opened, how many
/// renders it has served, and the render it serves now (its routing answers that render's pages only, and nothing between renders).
/// </summary>
internal sealed class PooledContext(IBrowserContext context, string origin, DateTime openedAt)
{
    private RenderSession? _current;

    public IBrowserContext Context { get; } = context;

    /// <summary>The origin (<c>scheme://host:port</c>) whose pages this context renders; no other origin's page is rendered in it.</summary>
    public string Origin { get; } = origin;

    public DateTime OpenedAt { get; } = openedAt;

    /// <summary>Renders that have ended in this context.</summary>
    public int Renders { get; private set; }

    /// <summary>The render in progress, or null between renders.</summary>
    public RenderSession? Current => Volatile.Read(ref _current);

    public void Begin(RenderSession session) => Volatile.Write(ref _current, session);

    public void End()
    {
        Volatile.Write(ref _current, null);
        Renders++;
    }
}
