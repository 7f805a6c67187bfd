using Microsoft.Playwright;

namespace Snapshots.Fetching;

/// <summary>
/// After a render whose DOM is taken: whether its context can serve the next render of its origin, and if so leaves it as a
/// new one would be. The page is first navigated to about:blank (its scripts, timers and workers end; what its unload
/// handlers write is written now), then everything the render stored is cleared: every storage type (local and session
/// storage, IndexedDB, Cache Storage, file systems...) of every origin its pages reached, through the DevTools protocol, and
/// all the context's cookies. A context is not kept (the reason is returned) when the page opened other windows, when the
/// page's JavaScript heap and its origin's stored data came to more than <see cref="BrowserOptions.ContextMemoryLimit"/>, or
/// when any of this fails.
/// </summary>
internal static class ContextCleaner
{
    /// <summary>Cleaning that takes longer (a page that never yields to the DevTools protocol, or hangs as it goes away) closes the context instead.</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(5);

    public static async Task<string?> CleanAsync(IBrowserContext context, IPage page, RenderSession session, BrowserOptions options)
    {
        var cleaning = CleanWithoutLimitAsync(context, page, session, options);
        try
        {
            return await cleaning.WaitAsync(TimeLimit).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Closing the context ends what is still waiting on it; its failure then is of no interest.
            _ = cleaning.ContinueWith(static t => t.Exception, TaskScheduler.Default);
            return $"cleaning it took more than {TimeLimit.TotalSeconds:0} s";
        }
    }

    private static async Task<string?> CleanWithoutLimitAsync(IBrowserContext context, IPage page, RenderSession session, BrowserOptions options)
    {
        if (options.RendersPerContext <= 1) return "one render per context";
        if (session.PagesOpened > 1 || context.Pages.Count > 1) return $"the page opened {Math.Max(session.PagesOpened, context.Pages.Count) - 1} other windows";
        try
        {
            var devtools = await context.NewCDPSessionAsync(page).ConfigureAwait(false);
            try
            {
                var heap = await devtools.SendAsync("Runtime.getHeapUsage").ConfigureAwait(false);
                var used = heap is { } h && h.TryGetProperty("totalSize", out var total) ? (long)total.GetDouble() : 0;
                foreach (var origin in session.Origins)
                {
                    var usage = await devtools.SendAsync("Storage.getUsageAndQuota", new() { ["origin"] = origin }).ConfigureAwait(false);
                    if (usage is { } u && u.TryGetProperty("usage", out var bytes)) used += (long)bytes.GetDouble();
                }
                if (used > options.ContextMemoryLimit)
                    return $"its render took {Text.Describe.Bytes(used)} in the browser, over Fetch:Browser:ContextMemoryLimit";
                await page.GotoAsync("about:blank", new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = 5000 }).ConfigureAwait(false);
                if (context.Pages.Count > 1) return "the page opened other windows";
                foreach (var origin in session.Origins)
                    await devtools.SendAsync("Storage.clearDataForOrigin", new() { ["origin"] = origin, ["storageTypes"] = "all" }).ConfigureAwait(false);
            }
            finally
            {
                await devtools.DetachAsync().ConfigureAwait(false);
            }
            await context.ClearCookiesAsync().ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            return $"it could not be cleaned: {e.Message.Split('\n')[0]}";
        }
    }
}
