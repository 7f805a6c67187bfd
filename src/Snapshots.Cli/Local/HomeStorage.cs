using Microsoft.Extensions.Configuration;
using Snapshots.Storage;
using Spectre.Console;

namespace Snapshots.Cli.Local;

/// <summary>
/// The storage a command uses when <c>AzureWebJobsStorage</c> is not configured: the home's own Azurite
/// (<see cref="BackgroundAzurite"/>), started if needed, its connection string set into the command's configuration so that
/// everything the command starts (the library, the web face) reads the same store. A configured connection string
/// (<c>UseDevelopmentStorage=true</c> included: an Azurite shared on 10000–10002) or account is used as it is.
/// </summary>
public static class HomeStorage
{
    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[StorageOptions.SettingName]) || !string.IsNullOrWhiteSpace(configuration[$"{StorageOptions.SettingName}:accountName"]);

    public static async Task UseAsync(CliEnvironment environment, CancellationToken ct)
    {
        var home = environment.ResolvedHome;
        var azurite = environment.Azurite ?? BackgroundAzurite.For(home);
        var connection = await azurite.EnsureRunningAsync(home, message => environment.Errors.MarkupLineInterpolated($"[grey]{message}[/]"), ct);
        environment.Configuration[StorageOptions.SettingName] = connection;
    }
}
