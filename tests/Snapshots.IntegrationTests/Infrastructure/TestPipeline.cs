using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Snapshots.Storage;

namespace Snapshots.IntegrationTests.Infrastructure;

/// <summary>
/// The library as the app and the command register it (AddSnapshots), on a storage account of this test's own,
/// with loopback fetching allowed and short timeouts. Settings can be overridden per test.
/// </summary>
public sealed class TestPipeline : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private TestPipeline(ServiceProvider services, IConfiguration configuration, string connectionString)
    {
        _services = services;
        Configuration = configuration;
        ConnectionString = connectionString;
    }

    public IConfiguration Configuration { get; }
    public string ConnectionString { get; }
    public IServiceProvider Services => _services;
    public StorageClients Storage => Get<StorageClients>();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public static async Task<TestPipeline> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var connection = await SharedAzurite.NewAccountAsync();
        var configuration = BuildConfiguration(connection, settings);
        var services = new ServiceCollection();
        services.AddSnapshots(configuration);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<StorageClients>().EnsureCreatedAsync();
        return new TestPipeline(provider, configuration, connection);
    }

    public static IConfiguration BuildConfiguration(string connection, IDictionary<string, string?>? settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connection,
            ["Fetch:AllowPrivateNetworks"] = "true",
            ["Fetch:Timeout"] = "00:00:10",
            ["Fetch:AttemptTimeout"] = "00:00:03",
            ["Fetch:RetryBaseDelay"] = "00:00:00.050",
            ["Capture:SpreadWindow"] = "00:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
