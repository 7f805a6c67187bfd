using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Snapshots.Cli.Local;
using Spectre.Console;
using Snapshots.Storage;

namespace Snapshots.Cli;

/// <summary>One command's services: Azurite started if needed, the library registered, storage created.</summary>
public sealed class CliSession : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly AzuriteLauncher? _azurite;

    private CliSession(ServiceProvider services, AzuriteLauncher? azurite)
    {
        _services = services;
        _azurite = azurite;
    }

    public IServiceProvider Services => _services;

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public static async Task<CliSession> OpenAsync(CliEnvironment environment, CancellationToken ct, bool createStorage = true)
    {
        var storage = StorageOptions.From(environment.Configuration);
        AzuriteLauncher? azurite = null;
        if (storage.UsesDevelopmentStorage && environment.StartAzurite)
            azurite = await AzuriteLauncher.EnsureRunningAsync(message => environment.Console.MarkupLineInterpolated($"[grey]{message}[/]"), ct: ct);

        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
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
            if (azurite is not null) await azurite.DisposeAsync();
            throw;
        }
        return new CliSession(provider, azurite);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_azurite is not null) await _azurite.DisposeAsync();
    }
}
