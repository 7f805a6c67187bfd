using Microsoft.Extensions.DependencyInjection;
using Snapshots.Email;
using Snapshots.Pipeline;
using Snapshots.Storage;
using Spectre.Console;

namespace Snapshots.Cli.Local;

/// <summary>
/// The emails queue alone, for <c>snapshots serve</c>: a sign-up's confirmation (and any other email a request queued) is
/// sent while the site runs, with the same handler as the Functions app, until stopped; messages in hand go back to the queue.
/// </summary>
public static class EmailsQueueLoop
{
    public static async Task RunAsync(IServiceProvider services, IAnsiConsole console, CancellationToken ct)
    {
        var sender = services.GetRequiredService<IEmailSender>();
        var results = new List<SendResult>();
        var emails = LocalQueues.Consumers(services, sent: result => { lock (results) results.Add(result); }).Single(c => c.Queue == QueueNames.Emails);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var handled = await emails.DrainAsync(TimeSpan.FromMinutes(5), 16, ct);
                lock (results)
                {
                    Commands.LocalDelivery.Report(console, sender, results);
                    results.Clear();
                }
                if (handled == 0) await Task.Delay(TimeSpan.FromSeconds(2), ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException)
            {
                // The store is briefly away: the site keeps serving and the queue is tried again shortly.
                console.MarkupLineInterpolated($"[yellow]warning:[/] the emails queue could not be read ({e.Message}); trying again shortly.");
                try { await Task.Delay(TimeSpan.FromSeconds(5), ct); }
                catch (OperationCanceledException) { return; }
            }
        }
    }
}
