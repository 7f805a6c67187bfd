using System.CommandLine;
using Snapshots.Cli.Commands;
using Snapshots.Cli.Local;
using Spectre.Console;
using Snapshots.Catalog;
using Snapshots.Messaging;

namespace Snapshots.Cli;

/// <summary>The <c>snapshots</c> command: local runner and administration of the pipeline.</summary>
public static class SnapshotsCli
{
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment)
    {
        var root = new RootCommand("Snapshots: watch the legal documents of online platforms, archive every version with evidence, and tell people what changed.");
        root.Subcommands.Add(DocumentsCommands.Create(environment));
        root.Subcommands.Add(CheckCommand.Create(environment));
        root.Subcommands.Add(RunCommand.Create(environment));
        foreach (var command in HistoryCommands.Create(environment)) root.Subcommands.Add(command);
        root.Subcommands.Add(VerifyCommand.Create(environment));
        root.Subcommands.Add(SubscribersCommands.Create(environment));
        root.Subcommands.Add(DemoCommand.Create(environment));
        root.Subcommands.Add(DigestCommand.Create(environment));
        return await root.Parse(args).InvokeAsync();
    }

    /// <summary>Runs a command body with its session, turning expected failures into a clear message and exit code 2.</summary>
    /// <param name="createStorage">False for commands that must not write to storage at all (dry runs): the container, tables and queues are not created.</param>
    public static async Task<int> WithSessionAsync(CliEnvironment environment, CancellationToken ct, Func<CliSession, Task<int>> body, bool createStorage = true)
    {
        try
        {
            await using var session = await CliSession.OpenAsync(environment, ct, createStorage);
            return await body(session);
        }
        catch (Exception e) when (e is DeclarationException or UnknownDocumentException or Archive.UnknownVersionException
                                      or AzuriteException or FormatException or MalformedMessageException
                                      or Subscribers.SubscriberRefusedException or Subscribers.UnknownPlanException
                                      or Tracking.HistoryImportException)
        {
            environment.Console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return 2;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            environment.Console.MarkupLine("[grey]stopped.[/]");
            return 130;
        }
    }
}
