using System.Collections.Concurrent;
using Snapshots.Catalog;

namespace Snapshots.Fetching;

/// <summary>
/// One capture cycle's view of the web: documents that share a source URL (and the same validators)
/// fetch it once, and all of them see the same page or the same failure. Make one per cycle.
/// The shared fetch runs under the first caller's cancellation token; when that caller cancels,
/// the fetch is forgotten and the callers still waiting start it afresh.
/// A source declared with <c>executeClientScripts</c> is rendered by the <see cref="BrowserRenderer"/> (never fetched
/// statically instead); documents share a rendering when they wait for the same selectors on the same URL.
/// With a <see cref="BodyBytesInFlight"/> budget, a fetch waits its turn by size, and the pages this cycle fetched count against
/// the budget until it is disposed: dispose it when its documents are done.
/// </summary>
/// A rendered source with what its last render loaded (<see cref="ConditionalRequest.Rendered"/>) is revalidated first by the
/// <see cref="RenderRevalidator"/>: when nothing changed it is not rendered, and the page comes back not modified.
public sealed class FetchCycle(PageFetcher fetcher, BrowserRenderer? renderer = null, BodyBytesInFlight? budget = null, RenderRevalidator? revalidator = null) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<FetchedPage>>> _fetches = new();
    private readonly BodyBytesInFlight.Holder? _held = budget?.NewHolder();

    /// <summary>The page of one declared source: rendered when it executes client scripts (validators do not apply), fetched otherwise.</summary>
    public Task<FetchedPage> FetchAsync(SourceDeclaration source, ConditionalRequest? conditional, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!source.ExecuteClientScripts) return FetchAsync(source.Url, conditional, ct);
        if (renderer is null) throw new FetchException(source.Url, "this page needs a browser (executeClientScripts), and none is configured here");
        var prior = revalidator is null ? null : conditional?.Rendered;
        var verified = conditional?.VerifiedSha256;
        var key = $"rendered\n{source.Url.AbsoluteUri}\n{string.Join("\n", RenderWaits.Of(source).Order(StringComparer.Ordinal))}\n{prior?.ToRowValue()}\n{verified}";
        return SharedAsync(key, token => HeldAsync(() => RenderUnlessUnchangedAsync(source, prior, verified, token), token), ct);
    }

    private async Task<FetchedPage> RenderUnlessUnchangedAsync(SourceDeclaration source, RenderInputs? prior, string? verifiedSha256, CancellationToken ct)
    {
        if (prior is not null && prior.Inputs[0].Url.AbsoluteUri == source.Url.AbsoluteUri)
        {
            var revalidation = await revalidator!.RevalidateAsync(prior, ct).ConfigureAwait(false);
            if (revalidation.Unchanged)
                return new FetchedPage(source.Url, source.Url, 304, MediaTypes.Html, [], ETag: null, LastModified: null, NotModified: true)
                    { Inputs = prior.Relied(), Revalidated = revalidation };
        }
        return await renderer!.RenderAsync(source, ct, verifiedSha256).ConfigureAwait(false);
    }

    public Task<FetchedPage> FetchAsync(Uri url, ConditionalRequest? conditional, CancellationToken ct) =>
        SharedAsync($"{url.AbsoluteUri}\n{conditional?.ETag}\n{conditional?.LastModified}", token => HeldAsync(() => fetcher.FetchAsync(url, conditional, token), token), ct);

    /// <summary>Lets go of the pages this cycle holds against the <see cref="BodyBytesInFlight"/> budget.</summary>
    public void Dispose() => _held?.Dispose();

    private async Task<FetchedPage> HeldAsync(Func<Task<FetchedPage>> fetch, CancellationToken ct)
    {
        if (_held is null) return await fetch().ConfigureAwait(false);
        var share = await budget!.ReserveAsync(_held, ct).ConfigureAwait(false);
        var bytes = 0L;
        try
        {
            var page = await fetch().ConfigureAwait(false);
            bytes = page.Body.Length;
            return page;
        }
        finally
        {
            share.Settle(bytes);
        }
    }

    private async Task<FetchedPage> SharedAsync(string key, Func<CancellationToken, Task<FetchedPage>> start, CancellationToken ct)
    {
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var fetch = _fetches.GetOrAdd(key, _ => new Lazy<Task<FetchedPage>>(() => start(ct)));
            try
            {
                return await fetch.Value.WaitAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                _fetches.TryRemove(KeyValuePair.Create(key, fetch));
            }
        }
    }
}
