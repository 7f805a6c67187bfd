using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Snapshots.Cli;

/// <summary>
/// What a run of the command works with: configuration, the console, and (for tests and benchmarks) extra services and the
/// background Azurite to use instead of the repository's (<see cref="BackgroundAzurite.ForRepository"/>).
/// </summary>
public sealed record CliEnvironment(IConfiguration Configuration, IAnsiConsole Console, Action<IServiceCollection>? ConfigureServices = null, bool StartAzurite = true,
    Local.BackgroundAzurite? Azurite = null)
{
    /// <summary>Embedded defaults (Azurite, local outbox), then <c>SNAPSHOTS_*</c>-free environment variables such as <c>AzureWebJobsStorage</c> or <c>Fetch__AllowPrivateNetworks</c>.</summary>
    public static CliEnvironment Default() => new(
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            })
            .AddEnvironmentVariables()
            .Build(),
        TerminalConsole());

    /// <summary>Width when the output is not a terminal: wide enough that nothing is hard-wrapped (paths, ids, citation lines).</summary>
    public const int UnwrappedWidth = 4096;

    /// <summary>The terminal's console; when output goes to a file or a pipe, no 80-column hard wrapping.</summary>
    private static IAnsiConsole TerminalConsole()
    {
        var console = AnsiConsole.Console;
        if (System.Console.IsOutputRedirected) console.Profile.Width = UnwrappedWidth;
        return console;
    }
}
