using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Snapshots.Fetching;

namespace Snapshots.IntegrationTests.Fetching;

/// <summary>The real fetching services built through <c>AddSnapshotsFetching</c>, with limits short enough for tests.</summary>
internal sealed class FetchingTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public FetchingTestHost(params (string Key, string Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Fetch:AllowPrivateNetworks"] = "true",
            ["Fetch:Timeout"] = "00:00:30",
            ["Fetch:AttemptTimeout"] = "00:00:10",
            ["Fetch:RetryBaseDelay"] = "00:00:00.050",
            ["Fetch:MaxRetries"] = "2",
            ["Fetch:MaxRetryAfter"] = "00:00:03",
            ["Fetch:UserAgent"] = "SnapshotsTests/1.0",
        };
        foreach (var (key, value) in overrides) settings[$"Fetch:{key}"] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        _services = new ServiceCollection().AddSnapshotsFetching(configuration).BuildServiceProvider(validateScopes: true);
    }

    public PageFetcher Fetcher => _services.GetRequiredService<PageFetcher>();

    public FetchCycle NewCycle() => _services.GetRequiredService<FetchCycle>();

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
