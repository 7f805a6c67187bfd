using Snapshots.Cli.Local;
using Snapshots.Pipeline;
using Spectre.Console;

namespace Snapshots.Cli.Commands;

/// <summary>After a local check: run the change fan-out and email sending that the Functions app would run, so a change ends in the outbox.</summary>
public static class LocalDelivery
{
    public static async Task DeliverPendingAsync(CliSession session, IAnsiConsole console, CancellationToken ct)
    {
        foreach (var consumer in LocalQueues.Consumers(session.Services).Where(c => c.Queue != QueueNames.Capture))
            await consumer.DrainAsync(TimeSpan.FromMinutes(1), ct: ct);
    }
}
