using System.Runtime.InteropServices;
using Snapshots.Cli;

// Ctrl+C and SIGTERM (kill, systemd, docker stop) cancel the command's token once: the command says "Stopped.", puts back the
// messages it was handling and stops what it started. A second one ends the process.
using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (interrupt.IsCancellationRequested) return;
    e.Cancel = true;
    interrupt.Cancel();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    if (interrupt.IsCancellationRequested) return;
    context.Cancel = true;
    interrupt.Cancel();
});
return await SnapshotsCli.RunAsync(args, CliEnvironment.Default(), interrupt.Token);
