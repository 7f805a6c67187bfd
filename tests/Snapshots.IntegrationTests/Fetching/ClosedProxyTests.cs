using System.Net;
using Snapshots.Fetching;
using Snapshots.IntegrationTests.Infrastructure;

namespace Snapshots.IntegrationTests.Fetching;

/// <summary>The local browser's proxy connects nowhere: plain requests and CONNECT tunnels alike are refused and named, and the target sees nothing.</summary>
public sealed class ClosedProxyTests
{
    [Fact]
    public async Task Plain_requests_and_tunnels_are_refused_with_the_reason_and_reach_nothing()
    {
        await using var proxy = new ClosedProxy();
        await using var target = await LoopbackSite.StartAsync();
        target.Page("/secret", "<p>secret</p>");
        using var client = new HttpClient(new SocketsHttpHandler { Proxy = new WebProxy(proxy.Address, BypassOnLocal: false), UseProxy = true });

        using var plain = await client.GetAsync(target.Url("/secret"));
        var tunnel = await Record.ExceptionAsync(() => client.GetAsync($"https://127.0.0.1:{target.BaseUri.Port}/secret"));

        Assert.Equal(HttpStatusCode.Forbidden, plain.StatusCode);
        Assert.Equal(ClosedProxy.Reason, Assert.Single(plain.Headers.GetValues(ClosedProxy.RefusalHeader)));
        Assert.IsType<HttpRequestException>(tunnel);
        Assert.Empty(target.Requests);
        Assert.Equal([$"127.0.0.1:{target.BaseUri.Port}: {ClosedProxy.Reason}", $"127.0.0.1:{target.BaseUri.Port}: {ClosedProxy.Reason}"], proxy.Refusals);
    }
}
