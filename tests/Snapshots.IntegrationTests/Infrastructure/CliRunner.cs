using Microsoft.Extensions.Configuration;
using Snapshots.Cli;
using Spectre.Console;

namespace Snapshots.IntegrationTests.Infrastructure;

/// <summary>Runs the real <c>snapshots</c> command in-process against a test's storage account and captures what it prints.</summary>
public sealed class CliRunner(IConfiguration configuration, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureServices = null, int width = 240)
{
    public async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = width;
        var exit = await SnapshotsCli.RunAsync(args, new CliEnvironment(configuration, console, configureServices, StartAzurite: false));
        return (exit, output.ToString());
    }
}
