using System.Text;
using Microsoft.Extensions.Configuration;
using Snapshots.Cli;
using Spectre.Console;

namespace Snapshots.IntegrationTests.Infrastructure;

/// <summary>
/// Runs the real <c>snapshots</c> command in-process against a test's storage account and captures what it prints: standard
/// output and standard error apart (<see cref="RunSeparatelyAsync"/>), and both as a terminal shows them (<see cref="RunAsync"/>).
/// </summary>
public sealed class CliRunner(IConfiguration configuration, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureServices = null, int width = 240)
{
    /// <summary>Exit code and everything printed, standard output and standard error interleaved as on a terminal.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var run = await RunSeparatelyAsync(args);
        return (run.ExitCode, run.Output);
    }

    public async Task<CliRun> RunSeparatelyAsync(params string[] args)
    {
        var (both, stdout, stderr) = (new StringWriter(), new StringWriter(), new StringWriter());
        var exit = await SnapshotsCli.RunAsync(args, new CliEnvironment(configuration, Console(new Tee(stdout, both)), configureServices, StartAzurite: false,
            ErrorConsole: Console(new Tee(stderr, both))));
        return new CliRun(exit, both.ToString(), stdout.ToString(), stderr.ToString());
    }

    private IAnsiConsole Console(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = width;
        return console;
    }

    /// <summary>Writes to a stream of its own and to the interleaved one.</summary>
    private sealed class Tee(TextWriter own, TextWriter both) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (both)
            {
                own.Write(value);
                both.Write(value);
            }
        }

        public override void Write(string? value)
        {
            lock (both)
            {
                own.Write(value);
                both.Write(value);
            }
        }
    }
}

/// <summary>One run of the command: its exit code, both streams interleaved, and each stream alone.</summary>
public sealed record CliRun(int ExitCode, string Output, string StandardOutput, string StandardError);
