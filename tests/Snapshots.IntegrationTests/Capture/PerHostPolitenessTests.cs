using Snapshots.Fetching;
using Snapshots.IntegrationTests.Infrastructure;

namespace Snapshots.IntegrationTests.Capture;

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
        // 300 a minute: one request every 200 ms to one host.
        await using var host = new FetchingTestHost(("PerHostRequestsPerMinute", "300"));

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
        var politeness = new PerHostPoliteness(600, TimeProvider.System); // one turn every 100 ms
        using var first = new HttpRequestMessage(HttpMethod.Get, "https://example.com/terms");
        using var elsewhere = new HttpRequestMessage(HttpMethod.Get, "https://example.org/terms");

        var given = new List<long>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var turns = Enumerable.Range(0, 5).Select(async _ =>
        {
            await politeness.WaitForTurnAsync(first, CancellationToken.None);
            lock (given) given.Add(clock.ElapsedMilliseconds);
        }).ToList();
        await politeness.WaitForTurnAsync(elsewhere, CancellationToken.None);
        var otherHostAt = clock.ElapsedMilliseconds;
        await Task.WhenAll(turns);

        // Each time is read just after a turn is given, so a single gap may look a little short; the whole run may not.
        given.Sort();
        for (var i = 1; i < given.Count; i++)
            Assert.True(given[i] - given[i - 1] >= 70, $"turns {i - 1} and {i} were {given[i] - given[i - 1]} ms apart");
        Assert.True(given[^1] - given[0] >= 4 * 100 - 20, $"five turns took {given[^1] - given[0]} ms");
        Assert.True(otherHostAt < given[^1], "another host waited for this host's turns");
    }
}
