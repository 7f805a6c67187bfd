using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Snapshots.Cli.Local;
using Spectre.Console;
using Snapshots.Storage;

namespace Snapshots.Cli;

/// <summary>One command's services: Azurite started in the background if needed (see <see cref="BackgroundAzurite"/>), the library registered, storage created.</summary>
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
        var storage = StorageOptions.From(environment.Configuration);
        if (storage.UsesDevelopmentStorage && environment.StartAzurite)
            await (environment.Azurite ?? BackgroundAzurite.ForRepository()).EnsureRunningAsync(message => environment.Console.MarkupLineInterpolated($"[grey]{message}[/]"), ct);

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
            throw;
        }
        return new CliSession(provider);
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
