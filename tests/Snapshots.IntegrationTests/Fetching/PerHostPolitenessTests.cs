using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Snapshots.Fetching;
using Snapshots.IntegrationTests.Infrastructure;

namespace Snapshots.IntegrationTests.Fetching;

/// <summary>Fetch:PerHostRequestsPerMinute spaces the requests to one host, through the real fetching services.</summary>
public sealed class PerHostPolitenessTests
{
    [Fact]
    public async Task Requests_to_one_host_are_spaced_by_the_configured_rate_and_another_host_does_not_wait()
    {
        await using var site = await LoopbackSite.StartAsync();
        await using var other = await LoopbackSite.StartAsync();
        site.Page("/a", "<p>a</p>");
        other.Page("/b", "<p>b</p>");
        // 300 a minute: one request every 200 ms to one host. No retries and a generous attempt time, so that a slow, loaded
        // machine cannot turn one fetch into two requests (what is counted here is the spacing, not the retry policy).
        await using var host = new FetchingTestHost(
            ("PerHostRequestsPerMinute", "300"), ("MaxRetries", "0"), ("AttemptTimeout", "00:01:00"), ("Timeout", "00:02:00"));

        // One after another on one kept-alive connection, so that what the site sees is the spacing, not connection set-up.
        var otherHost = Task.CompletedTask;
        for (var i = 0; i < 6; i++)
        {
            await host.Fetcher.FetchAsync(site.Url($"/a?{i}"), null, CancellationToken.None);
            if (i == 0) otherHost = host.Fetcher.FetchAsync(other.Url("/b"), null, CancellationToken.None);
        }
        await otherHost;

        var arrivals = site.Requests.Select(r => r.ReceivedAt).Order().ToList();
        Assert.Equal(6, arrivals.Count);
        // A lower bound only (a slow machine spaces them more). Arrival times at the site carry its own scheduling delays,
        // so the exact spacing is checked in Turns_to_one_host_are_spaced_exactly; here, five turns of 200 ms less 200 ms.
        var span = arrivals[^1] - arrivals[0];
        Assert.True(span >= TimeSpan.FromMilliseconds(5 * 200 - 200), $"six requests to one host came within {span.TotalMilliseconds} ms");
        // The other host was not held behind this one's queue: it was asked while /a waited for its turns.
        Assert.Single(other.Requests);
        Assert.True(other.Requests[0].ReceivedAt < arrivals[^1], "the other host waited for the first host's turns");
    }

    [Fact]
    public async Task Without_a_limit_requests_are_never_held()
    {
        var politeness = new PerHostPoliteness(0, TimeProvider.System);
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://Example.com/terms");

        // With the limit off every turn is given at once, even with a token that is already cancelled.
        await politeness.WaitForTurnAsync(request, new CancellationToken(canceled: true));
        Assert.Equal("https://example.com:443", PerHostPoliteness.HostOf(request));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PerHostPoliteness(-1, TimeProvider.System));
    }

    [Fact]
    public async Task Turns_to_one_host_are_spaced_exactly_and_hosts_do_not_share_turns()
    {
        // A fake clock: the spacing is checked in the politeness's own time, so a busy machine cannot make a gap look short.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));
        var politeness = new PerHostPoliteness(600, clock); // one turn every 100 ms
        using var first = new HttpRequestMessage(HttpMethod.Get, "https://example.com/terms");
        using var elsewhere = new HttpRequestMessage(HttpMethod.Get, "https://example.org/terms");

        Assert.True(politeness.WaitForTurnAsync(first, CancellationToken.None).IsCompletedSuccessfully, "the first turn waited");
        Assert.True(politeness.WaitForTurnAsync(elsewhere, CancellationToken.None).IsCompletedSuccessfully, "another host waited");
        var second = politeness.WaitForTurnAsync(first, CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(second.IsCompleted, "a turn came 99 ms after the previous one");
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await second.WaitAsync(TimeSpan.FromSeconds(30));

        // Five waiting at once: each is given its turn at least 100 ms (of the clock) after the one before.
        var given = new List<DateTimeOffset>();
        var turns = Enumerable.Range(0, 5).Select(async _ =>
        {
            await politeness.WaitForTurnAsync(first, CancellationToken.None);
            lock (given) given.Add(clock.GetUtcNow());
        }).ToList();
        // The clock moves only once the previous turn has been taken, so each time read is the time the turn was given.
        for (var taken = 0; taken < 5; taken++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(99));
            await Task.Delay(50);
            Assert.Equal(taken, Count(given));
            clock.Advance(TimeSpan.FromMilliseconds(1));
            for (var waited = 0; Count(given) == taken && waited < 3000; waited++) await Task.Delay(10);
            Assert.Equal(taken + 1, Count(given));
        }
        await Task.WhenAll(turns).WaitAsync(TimeSpan.FromSeconds(30));

        given.Sort();
        Assert.Equal(clock.Start + TimeSpan.FromMilliseconds(200), given[0]);
        for (var i = 1; i < given.Count; i++)
            Assert.True(given[i] - given[i - 1] >= TimeSpan.FromMilliseconds(100), $"turns {i - 1} and {i} were {(given[i] - given[i - 1]).TotalMilliseconds} ms apart");
    }

    private static int Count(List<DateTimeOffset> given)
    {
        lock (given) return given.Count;
    }
}

/// <summary>Fetch:MaxConcurrentPerHost bounds the fetches in flight to one host, through the real fetching services.</summary>
public sealed class PerHostConcurrencyTests
{
    [Fact]
    public async Task At_most_the_configured_number_of_fetches_reach_one_host_at_once_and_another_host_is_not_held()
    {
        await using var site = await LoopbackSite.StartAsync();
        await using var other = await LoopbackSite.StartAsync();
        var inFlight = 0;
        var most = 0;
        var release = new TaskCompletionSource();
        site.Handle("/slow", async context =>
        {
            var now = Interlocked.Increment(ref inFlight);
            lock (site) most = Math.Max(most, now);
            await release.Task.WaitAsync(context.RequestAborted);
            Interlocked.Decrement(ref inFlight);
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<p>slow</p>", context.RequestAborted);
        });
        other.Page("/b", "<p>b</p>");
        await using var host = new FetchingTestHost(("MaxConcurrentPerHost", "2"), ("MaxRetries", "0"), ("AttemptTimeout", "00:01:00"), ("Timeout", "00:02:00"));

        var fetches = Enumerable.Range(0, 6).Select(i => host.Fetcher.FetchAsync(site.Url($"/slow?{i}"), null, CancellationToken.None)).ToList();
        for (var waited = 0; Volatile.Read(ref inFlight) < 2 && waited < 300; waited++) await Task.Delay(100);
        // Two are at the site; the other four wait their turn, and a fetch to another host goes straight through.
        var elsewhere = await host.Fetcher.FetchAsync(other.Url("/b"), null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, Volatile.Read(ref inFlight));
        release.SetResult();
        await Task.WhenAll(fetches).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, most);
        Assert.Equal(6, site.RequestCount("/slow"));
        Assert.Equal("<p>b</p>", System.Text.Encoding.UTF8.GetString(elsewhere.Body));
    }
}
