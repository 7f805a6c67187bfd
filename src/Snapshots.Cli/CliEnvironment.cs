using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Snapshots.Cli.Local;
using Spectre.Console;

namespace Snapshots.Cli;

/// <summary>
/// What a run of the command works with: configuration, the console, its home (<see cref="SnapshotsHome"/>), and (for tests
/// and benchmarks) extra services and the background Azurite to use instead of the home's (<see cref="BackgroundAzurite.For"/>).
/// Results go to <see cref="Console"/> (standard output); errors, refusals and progress of what a command starts (Azurite)
/// go to <see cref="Errors"/> (standard error; the same console when none is given).
/// </summary>
public sealed record CliEnvironment(IConfiguration Configuration, IAnsiConsole Console, Action<IServiceCollection>? ConfigureServices = null, bool StartAzurite = true,
    BackgroundAzurite? Azurite = null, SnapshotsHome? Home = null, IAnsiConsole? ErrorConsole = null)
{
    /// <summary>Where errors and refusals are written: standard error for the real command.</summary>
    public IAnsiConsole Errors => ErrorConsole ?? Console;

    /// <summary>
    /// Embedded defaults (the home's outbox), then the home's <c>settings.json</c>, then environment variables such as
    /// <c>AzureWebJobsStorage</c> or <c>Fetch__AllowPrivateNetworks</c>. With no <c>AzureWebJobsStorage</c>, a command that
    /// needs storage uses the home's own Azurite (see <see cref="CliSession"/>), and only then is the transparency log's key
    /// generated into the home's settings when none is configured (<see cref="LocalLogKey"/>).
    /// </summary>
    public static CliEnvironment Default()
    {
        var home = SnapshotsHome.Resolve();
        return new(
            new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?>
                {
                    [Email.OutboxOptions.Setting] = home.Outbox,
                })
                .AddJsonFile(home.SettingsFile, optional: true, reloadOnChange: false)
                .AddEnvironmentVariables()
                .Build(),
            TerminalConsole(), Home: home, ErrorConsole: ErrorTerminalConsole());
    }

    /// <summary>The home: the one given, else the one this process resolves.</summary>
    public SnapshotsHome ResolvedHome => Home ?? SnapshotsHome.Resolve();

    /// <summary>Width when the output is not a terminal: wide enough that nothing is hard-wrapped (paths, ids, citation lines).</summary>
    public const int UnwrappedWidth = 4096;

    /// <summary>The terminal's console; when output goes to a file or a pipe, no 80-column hard wrapping.</summary>
    private static IAnsiConsole TerminalConsole()
    {
        var console = AnsiConsole.Console;
        if (System.Console.IsOutputRedirected) console.Profile.Width = UnwrappedWidth;
        return console;
    }

    /// <summary>Standard error, coloured on a terminal; not wrapped when it goes to a file or a pipe.</summary>
    private static IAnsiConsole ErrorTerminalConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Error) });
        if (System.Console.IsErrorRedirected) console.Profile.Width = UnwrappedWidth;
        return console;
    }
}
