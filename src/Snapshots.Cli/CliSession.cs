using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Snapshots.Cli.Local;
using Snapshots.Storage;

namespace Snapshots.Cli;

/// <summary>
/// One command's services: the home's Azurite started in the background if no storage is configured (see <see cref="HomeStorage"/>),
/// with the home's transparency-log key (<see cref="LocalLogKey"/>), the library registered, storage created.
/// </summary>
public sealed class CliSession : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private CliSession(ServiceProvider services)
    {
        _services = services;
    }

    public IServiceProvider Services => _services;

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public static async Task<CliSession> OpenAsync(CliEnvironment environment, CancellationToken ct, bool createStorage = true)
    {
        if (environment.StartAzurite && !HomeStorage.IsConfigured(environment.Configuration))
        {
            await HomeStorage.UseAsync(environment, ct);
            // The home's own store: its log is signed with the home's key, made on first use. Other storage never gets one.
            LocalLogKey.EnsureFor(environment);
        }
        // Links in emails and pages follow the address the site is served on (Web:Urls), unless Web:PublicBaseUrl is set.
        PublicAddress.FollowListener(environment.Configuration, LocalWebsite.UrlsOf(environment));

        var services = new ServiceCollection();
        services.AddLogging(logging => CliLogFormatter.AddTo(logging).SetMinimumLevel(LogLevel.Warning)
            .AddFilter("System.Net.Http", LogLevel.Error)
            // Each retry attempt is logged by Polly with a stack trace; the command reports the outcome of every check instead.
            .AddFilter("Polly", LogLevel.None));
        services.AddSnapshots(environment.Configuration);
        environment.ConfigureServices?.Invoke(services);
        var provider = services.BuildServiceProvider();
        try
        {
            if (createStorage) await provider.GetRequiredService<StorageClients>().EnsureCreatedAsync(ct);
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
        return new CliSession(provider);
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
