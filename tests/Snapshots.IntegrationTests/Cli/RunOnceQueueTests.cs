using System.Text;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;
using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Email;
using Snapshots.Subscribers;
using Snapshots.Storage;

namespace Snapshots.IntegrationTests.Cli;

/// <summary>
/// <c>snapshots run --once</c> drains the three queues through the handlers the Functions app runs: a change ends as an
/// email, a message that can never be processed goes to its poison queue at once with one log line, the rest goes on.
/// </summary>
public sealed class RunOnceQueueTests
{
    private const string Subscriber = "legal-team@example.com";

    [Fact]
    public async Task Run_once_drains_capture_changes_and_emails_and_the_alert_is_sent()
    {
        var outbox = Directory.CreateTempSubdirectory("snapshots-run-outbox-").FullName;
        await using var t = await TrackedSite.StartAsync(new Dictionary<string, string?> { ["Outbox:Path"] = outbox, ["Capture:Interval"] = "00:00:00" });
        t.Site.Page("/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        var file = Declaration(t);
        await t.Pipeline.Get<DocumentCatalog>().ImportAsync(file);
        await t.Pipeline.Get<SubscriberDirectory>().AddAsync(Subscriber, "watcher", ["example-ai"]);
        var cli = new CliRunner(t.Pipeline.Configuration);

        var (firstExit, _) = await cli.RunAsync("run", "--once", "--declarations", file);
        t.Site.Page("/privacy", PolicyPages.Privacy(PolicyPages.Retention.Replace("30 days", "90 days")));
        var (exit, output) = await cli.RunAsync("run", "--once", "--declarations", file);

        Assert.Equal(0, firstExit);
        Assert.Equal(0, exit);
        Assert.Contains("1 changed", output);
        Assert.Contains("emails: 1 sent", output);
        var alert = MimeMessage.Load(Assert.Single(Directory.GetFiles(outbox, "*.eml")));
        Assert.Equal(Subscriber, alert.To.Mailboxes.Single().Address);
        Assert.Contains("Privacy Policy", alert.Subject);
        var delivery = await t.Pipeline.Get<DeliveryLedger>().FindAsync(EmailAddress.Parse(Subscriber).Id, AlertEmail.KeyFor("example-ai/privacy-policy",
            (await t.Pipeline.Get<DocumentCatalog>().GetAsync(DocumentId.Parse("example-ai/privacy-policy"))).CurrentSha256!));
        Assert.Equal(DeliveryStates.Sent, delivery!.State);
        foreach (var queue in QueueNames.All)
        {
            Assert.Equal(0, (await t.Pipeline.Storage.Queue(queue).GetPropertiesAsync()).Value.ApproximateMessagesCount);
            Assert.Equal(0, (await t.Pipeline.Storage.Queue(QueueNames.PoisonOf(queue)).GetPropertiesAsync()).Value.ApproximateMessagesCount);
        }
    }

    [Fact]
    public async Task Undecodable_and_malformed_messages_go_to_poison_at_once_with_one_log_line_and_the_rest_is_processed()
    {
        await using var t = await TrackedSite.StartAsync();
        t.Site.Page("/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        var file = Declaration(t);
        var raw = new QueueClient(t.Pipeline.ConnectionString, QueueNames.Emails, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        await raw.SendMessageAsync("this is not base64 at all!");
        await t.Pipeline.Storage.Queue(QueueNames.Changes).SendMessageAsync("""{"v":1,"documentId":"not a document id","sequence":2,"sha256":"ab"}""");
        await t.Pipeline.Storage.Queue(QueueNames.Emails).SendMessageAsync("""{"v":99}""");
        var logged = new RecordingLoggerProvider();
        var cli = new CliRunner(t.Pipeline.Configuration, services => services.AddSingleton<ILoggerProvider>(logged));

        var (exit, _) = await cli.RunAsync("run", "--once", "--declarations", file);

        Assert.Equal(0, exit);
        Assert.Single(await t.Pipeline.Get<VersionLedger>().ListAsync(DocumentId.Parse("example-ai/privacy-policy")));
        var emailsPoison = new QueueClient(t.Pipeline.ConnectionString, QueueNames.PoisonOf(QueueNames.Emails), new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        var bodies = (await emailsPoison.ReceiveMessagesAsync(32)).Value.Select(m => m.Body.ToString()).ToList();
        Assert.Contains("this is not base64 at all!", bodies);
        Assert.Contains(Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"v":99}""")), bodies);
        Assert.Equal(1, (await t.Pipeline.Storage.Queue(QueueNames.PoisonOf(QueueNames.Changes)).GetPropertiesAsync()).Value.ApproximateMessagesCount);
        foreach (var queue in QueueNames.All)
            Assert.Equal(0, (await t.Pipeline.Storage.Queue(queue).GetPropertiesAsync()).Value.ApproximateMessagesCount);
        var moves = logged.Messages.Where(m => m.Contains("moved to", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, moves.Count);
        Assert.Contains(moves, m => m.Contains("on queue 'emails' moved to 'emails-poison' at once: not valid base64", StringComparison.Ordinal));
        Assert.Contains(moves, m => m.Contains("on queue 'changes' moved to 'changes-poison' at once: malformed message", StringComparison.Ordinal));
        Assert.DoesNotContain(logged.Messages, m => m.Contains("attempt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_once_exits_1_when_every_check_failed()
    {
        await using var t = await TrackedSite.StartAsync();
        var file = Path.Combine(Directory.CreateTempSubdirectory("snapshots-run-").FullName, "example-ai.json");
        File.WriteAllText(file, PolicyPages.Declaration("Example AI", ("Privacy Policy", t.Site.Url("/missing"))));
        var cli = new CliRunner(t.Pipeline.Configuration);

        var (exit, output) = await cli.RunAsync("run", "--once", "--declarations", file);

        Assert.Equal(1, exit);
        Assert.Contains("1 failed", output);
    }

    private static string Declaration(TrackedSite t)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("snapshots-run-").FullName, "example-ai.json");
        File.WriteAllText(file, PolicyPages.Declaration("Example AI", ("Privacy Policy", t.Site.Url("/privacy"))));
        return file;
    }
}
