using Microsoft.AspNetCore.Http;
using Snapshots.Fetching;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Tracking;

namespace Snapshots.IntegrationTests.Fetching;

/// <summary>Fetch:MaxBytesInFlight through the real capture cycle: large pages are checked a few at a time, none is dropped.</summary>
public sealed class BodyBytesBudgetTests
{
    [Fact]
    public async Task With_a_budget_below_one_page_documents_are_fetched_one_at_a_time_and_all_are_checked()
    {
        // 16 documents may be in flight and 4 fetches per host (StartAsync); only the budget can keep them to one at a time.
        await using var t = await StartAsync(maxBytesInFlight: 1000);
        var inFlight = 0;
        var most = 0;
        var ids = new List<Snapshots.Catalog.DocumentId>();
        for (var i = 0; i < 4; i++)
        {
            var path = $"/privacy-{i}";
            ids.Add(await t.TrackAsync($"Example {i}", "Privacy Policy", path, ""));
            var page = PolicyPages.Privacy(PolicyPages.Retention + $"<p>Page {i}: {new string('x', 5000)}</p>");
            t.Site.Handle(path, async context =>
            {
                var now = Interlocked.Increment(ref inFlight);
                lock (ids) most = Math.Max(most, now);
                await Task.Delay(150, context.RequestAborted); // long enough for the other checks to reach the site if they could
                Interlocked.Decrement(ref inFlight);
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(page, context.RequestAborted);
            });
        }

        var outcomes = await t.Pipeline.Get<CaptureCycle>().RunAsync(await t.Catalog.ListAsync());

        Assert.Equal(4, outcomes.Count);
        Assert.All(outcomes, o => Assert.Equal(CaptureStatus.First, o.Status));
        Assert.Equal(1, most);
        Assert.Equal(0, t.Pipeline.Get<BodyBytesInFlight>().Held); // every cycle gave its pages back
    }

    [Fact]
    public async Task Without_a_budget_the_same_checks_overlap()
    {
        await using var t = await StartAsync(maxBytesInFlight: 0);
        var atSite = 0;
        var arrived = new TaskCompletionSource();
        for (var i = 0; i < 2; i++)
        {
            var path = $"/privacy-{i}";
            await t.TrackAsync($"Example {i}", "Privacy Policy", path, "");
            var page = PolicyPages.Privacy(PolicyPages.Retention + $"<p>Page {i}</p>");
            t.Site.Handle(path, async context =>
            {
                // Each answers once both requests are at the site together, or after 2 s (within one attempt's time, so no
                // retry), which fails the test.
                if (Interlocked.Increment(ref atSite) == 2) arrived.TrySetResult();
                await Task.WhenAny(arrived.Task, Task.Delay(TimeSpan.FromSeconds(2)));
                Interlocked.Decrement(ref atSite);
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(page, context.RequestAborted);
            });
        }

        var outcomes = await t.Pipeline.Get<CaptureCycle>().RunAsync(await t.Catalog.ListAsync());

        Assert.True(arrived.Task.IsCompleted, "the two checks never had a request at the site at the same time");
        Assert.All(outcomes, o => Assert.Equal(CaptureStatus.First, o.Status));
    }

    /// <summary>A tracked site whose checks may run 16 at once, 4 to one host, with the given budget of page bytes.</summary>
    private static Task<TrackedSite> StartAsync(long maxBytesInFlight) => TrackedSite.StartAsync(new Dictionary<string, string?>
    {
        ["Fetch:MaxBytesInFlight"] = maxBytesInFlight.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Fetch:MaxConcurrentPerHost"] = "4",
        ["Capture:Concurrency"] = "16",
    });
}
