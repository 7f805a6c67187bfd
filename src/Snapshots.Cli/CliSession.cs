using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Snapshots.Cli.Local;
using Snapshots.Storage;

namespace Snapshots.Cli;

/// <summary>One command's services: the home's Azurite started in the background if no storage is configured (see <see cref="HomeStorage"/>), the library registered, storage created.</summary>
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
            await HomeStorage.UseAsync(environment, ct);
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
