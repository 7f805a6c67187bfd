using Microsoft.AspNetCore.Http;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Fetching;

namespace Snapshots.IntegrationTests.Fetching;

public sealed class FetchCycleTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task Concurrent_callers_of_one_url_share_a_single_fetch()
    {
        await using var site = await LoopbackSite.StartAsync();
        await using var host = new FetchingTestHost();
        site.Handle("/shared", async context =>
        {
            await Task.Delay(200, context.RequestAborted);
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<p>shared</p>", context.RequestAborted);
        });
        var cycle = host.NewCycle();

        var pages = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => cycle.FetchAsync(site.Url("/shared"), null, Ct))));

        Assert.Equal(1, site.RequestCount("/shared"));
        Assert.All(pages, page => Assert.Same(pages[0], page));
    }

    [Fact]
    public async Task Different_validators_are_different_fetches_and_cycles_do_not_share()
    {
        await using var site = await LoopbackSite.StartAsync();
        await using var host = new FetchingTestHost();
        site.Page("/terms", "<p>terms</p>");
        var cycle = host.NewCycle();

        var first = await cycle.FetchAsync(site.Url("/terms"), null, Ct);
        var conditional = await cycle.FetchAsync(site.Url("/terms"), new ConditionalRequest(first.ETag, null), Ct);
        await host.NewCycle().FetchAsync(site.Url("/terms"), null, Ct);

        Assert.True(conditional.NotModified);
        Assert.Equal(3, site.RequestCount("/terms"));
    }

    [Fact]
    public async Task A_failure_is_shared_too()
    {
        await using var site = await LoopbackSite.StartAsync();
        await using var host = new FetchingTestHost();
        var cycle = host.NewCycle();

        await Assert.ThrowsAsync<FetchException>(() => cycle.FetchAsync(site.Url("/missing"), null, Ct));
        await Assert.ThrowsAsync<FetchException>(() => cycle.FetchAsync(site.Url("/missing"), null, Ct));

        Assert.Equal(1, site.RequestCount("/missing"));
    }

    [Fact]
    public async Task A_cancelled_fetch_is_forgotten_so_the_next_caller_fetches_again()
    {
        await using var site = await LoopbackSite.StartAsync();
        await using var host = new FetchingTestHost();
        var calls = 0;
        site.Handle("/slow", async context =>
        {
            if (Interlocked.Increment(ref calls) == 1) await Task.Delay(2000, context.RequestAborted);
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<p>slow</p>", context.RequestAborted);
        });
        var cycle = host.NewCycle();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cycle.FetchAsync(site.Url("/slow"), null, cancel.Token));
        var page = await cycle.FetchAsync(site.Url("/slow"), null, Ct);

        Assert.Equal(MediaTypes.Html, page.MediaType);
        Assert.Equal(2, site.RequestCount("/slow"));
    }
}
