using Snapshots.Cli;

// Ctrl+C cancels the command's token once (the command says "Stopped." and stops what it started); a second Ctrl+C ends the process.
using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (interrupt.IsCancellationRequested) return;
    e.Cancel = true;
    interrupt.Cancel();
};
return await SnapshotsCli.RunAsync(args, CliEnvironment.Default(), interrupt.Token);
