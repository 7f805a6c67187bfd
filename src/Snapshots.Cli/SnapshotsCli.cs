using System.CommandLine;
using System.CommandLine.Help;
using Snapshots.Cli.Commands;
using Snapshots.Cli.Local;
using Spectre.Console;
using Snapshots.Catalog;
using Snapshots.Messaging;

namespace Snapshots.Cli;

/// <summary>
/// The <c>snapshots</c> command: local runner and administration of the pipeline.
/// Exit codes, the same for every command: 0 success, 1 a check or verification found a problem, 2 a usage or input error
/// (parser errors included), 3 for <c>verify --bundle</c> only: a bundle whose every hash matches but that proves no time or
/// origin (integrity only, <see cref="Archive.EvidenceVerdict.ExitCode"/>), 130 interrupted with Ctrl+C (except <c>run</c>, for
/// which Ctrl+C is the normal way to stop: 0).
/// </summary>
public static class SnapshotsCli
{
    public const int Success = 0;
    public const int ProblemFound = 1;
    public const int UsageError = 2;
    public const int Interrupted = 130;

    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken ct = default)
    {
        if (environment.Console is not VisibleTextConsole) environment = environment with { Console = new VisibleTextConsole(environment.Console) };
        if (environment.ErrorConsole is { } errors and not VisibleTextConsole) environment = environment with { ErrorConsole = new VisibleTextConsole(errors) };
        // A plain command named "snapshots" rather than RootCommand, whose name is the executable's (Snapshots.Cli).
        var root = new Command("snapshots", "Snapshots: watch the legal documents of online platforms, archive every version with evidence, and tell people what changed.")
        {
            new HelpOption(),
            new VersionOption(),
        };
        root.Subcommands.Add(DocumentsCommands.Create(environment));
        root.Subcommands.Add(CheckCommand.Create(environment));
        root.Subcommands.Add(RunCommand.Create(environment));
        root.Subcommands.Add(ServeCommand.Create(environment));
        foreach (var command in HistoryCommands.Create(environment)) root.Subcommands.Add(command);
        foreach (var command in ProvisionsCommands.Create(environment)) root.Subcommands.Add(command);
        root.Subcommands.Add(VerifyCommand.Create(environment));
        root.Subcommands.Add(ExportCommand.Create(environment));
        foreach (var command in LogCommands.Create(environment)) root.Subcommands.Add(command);
        root.Subcommands.Add(SubscribersCommands.Create(environment));
        root.Subcommands.Add(ChannelsCommands.Create(environment));
        root.Subcommands.Add(DemoCommand.Create(environment));
        root.Subcommands.Add(DigestCommand.Create(environment));
        root.Subcommands.Add(QueuesCommand.Create(environment));
        root.Subcommands.Add(AzuriteCommand.Create(environment));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0) return ParseErrors.Report(parse, environment);
        // Ctrl+C is handled by the caller's token (Program wires it), so that a command can say "Stopped." and stop what it started.
        return await parse.InvokeAsync(new InvocationConfiguration
        {
            ProcessTerminationTimeout = null,
            Output = environment.Console.Profile.Out.Writer,
            Error = environment.Errors.Profile.Out.Writer,
        }, ct);
    }

    /// <summary>Runs a command body with its session, turning expected failures into a clear message and exit code 2.</summary>
    /// <param name="createStorage">False for commands that must not write to storage at all (dry runs): the container, tables and queues are not created.</param>
    public static async Task<int> WithSessionAsync(CliEnvironment environment, CancellationToken ct, Func<CliSession, Task<int>> body, bool createStorage = true)
    {
        CliSession? session = null;
        try
        {
            session = await CliSession.OpenAsync(environment, ct, createStorage);
            return await body(session);
        }
        catch (UnknownDocumentException e) when (session is not null)
        {
            CliErrors.Error(environment, await UnknownNames.DocumentAsync(session, e.Id, ct));
            return UsageError;
        }
        catch (Exception e) when (e is DeclarationException or UnknownDocumentException or Archive.UnknownVersionException
                                      or AzuriteException or FormatException or MalformedMessageException
                                      or Subscribers.SubscriberRefusedException or Subscribers.UnknownPlanException
                                      or Tracking.HistoryImportException or UsageException
                                      or Archive.EvidenceConfigurationException or Archive.NoWarcInRangeException or System.IO.IOException)
        {
            CliErrors.Error(environment, e.Message);
            return UsageError;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            environment.Console.MarkupLine("[grey]Stopped.[/]");
            return Interrupted;
        }
        catch (Exception e) when (StorageUnreachable.Describe(e, environment.Configuration) is { } message)
        {
            CliErrors.Error(environment, message);
            return UsageError;
        }
        finally
        {
            if (session is not null) await session.DisposeAsync();
        }
    }
}
