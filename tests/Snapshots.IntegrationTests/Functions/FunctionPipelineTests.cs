using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Snapshots.Functions;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Storage;
using Snapshots.Subscribers;

namespace Snapshots.IntegrationTests.Functions;

/// <summary>
/// Drives the five function classes of src/Snapshots.Functions through DI on Azurite, the way the host would
/// (timer → capture queue → changes queue → emails queue), and compares what they record and send with what
/// <c>snapshots check</c> records and sends for the same pages on a second storage account.
/// </summary>
public sealed class FunctionPipelineTests
{
    private const string Subscriber = "legal-team@example.com";

    [Fact]
    public async Task The_function_classes_record_the_same_versions_and_send_the_same_emails_as_snapshots_check()
    {
        await using var site = await LoopbackSite.StartAsync();
        site.Page("/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        site.Page("/terms", PolicyPages.Privacy(PolicyPages.Training));
        var folder = Directory.CreateTempSubdirectory("snapshots-functions-").FullName;
        var declaration = Path.Combine(folder, "example-ai.json");
        File.WriteAllText(declaration, PolicyPages.Declaration("Example AI", ("Privacy Policy", site.Url("/privacy")), ("Terms of Service", site.Url("/terms"))));

        await using var app = await TestPipeline.StartAsync(Settings(Path.Combine(folder, "outbox-functions")));
        await app.Get<DocumentCatalog>().ImportAsync(declaration);
        await app.Get<SubscriberDirectory>().AddAsync(Subscriber, "watcher", ["example-ai"]);

        await using var local = await TestPipeline.StartAsync(Settings(Path.Combine(folder, "outbox-cli")));
        var cli = new CliRunner(local.Configuration);
        Assert.Equal(0, (await cli.RunAsync("documents", "import", declaration)).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("subscribers", "add", Subscriber, "--plan", "watcher", "--follow", "example-ai")).ExitCode);

        Assert.Equal(2, await DriveFunctionsAsync(app));
        Assert.Equal(0, (await cli.RunAsync("check")).ExitCode);

        site.Page("/privacy", PolicyPages.Privacy(PolicyPages.Retention.Replace("30 days", "90 days")));
        Assert.Equal(2, await DriveFunctionsAsync(app));
        Assert.Equal(0, (await cli.RunAsync("check")).ExitCode);

        foreach (var id in new[] { DocumentId.Parse("example-ai/privacy-policy"), DocumentId.Parse("example-ai/terms-of-service") })
        {
            var viaFunctions = await app.Get<VersionLedger>().ListAsync(id);
            var viaCli = await local.Get<VersionLedger>().ListAsync(id);
            Assert.Equal(viaCli.Select(v => (v.Sequence, v.TextSha256, v.RawSha256)), viaFunctions.Select(v => (v.Sequence, v.TextSha256, v.RawSha256)));
        }
        Assert.Equal(2, (await app.Get<VersionLedger>().ListAsync(DocumentId.Parse("example-ai/privacy-policy"))).Count);

        var functionMail = Subjects(Path.Combine(folder, "outbox-functions"));
        var cliMail = Subjects(Path.Combine(folder, "outbox-cli"));
        Assert.NotEmpty(functionMail);
        Assert.Equal(cliMail, functionMail);
        Assert.Contains(functionMail, s => s.Contains("Privacy Policy"));
        Assert.True((await app.Get<ArchiveVerifier>().VerifyAsync()).Passed);
    }

    private static Dictionary<string, string?> Settings(string outbox) => new()
    {
        ["Outbox:Path"] = outbox,
        ["Capture:Interval"] = "00:00:00",
    };

    /// <summary>Fires the capture timer, then delivers every queued message to its function until the queues are empty; returns the capture requests handled.</summary>
    private static async Task<int> DriveFunctionsAsync(TestPipeline app)
    {
        var ct = CancellationToken.None;
        await Create<ScheduleCaptures>(app).Run(new TimerInfo(), ct);
        var captures = await DeliverAsync(app, QueueNames.Capture, (message, id) => Create<CaptureDocument>(app).Run(message, id, ct));
        await DeliverAsync(app, QueueNames.Changes, (message, id) => Create<FanOutChange>(app).Run(message, id, ct));
        await DeliverAsync(app, QueueNames.Emails, (message, id) => Create<SendEmail>(app).Run(message, id, ct));
        return captures;
    }

    private static T Create<T>(TestPipeline app) => ActivatorUtilities.CreateInstance<T>(app.Services);

    private static async Task<int> DeliverAsync(TestPipeline app, string queue, Func<string, string, Task> function)
    {
        var client = app.Storage.Queue(queue);
        var delivered = 0;
        while (true)
        {
            var messages = (await client.ReceiveMessagesAsync(32)).Value;
            if (messages.Length == 0) return delivered;
            foreach (var message in messages)
            {
                await function(message.MessageText, message.MessageId);
                await client.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                delivered++;
            }
        }
    }

    private static List<string> Subjects(string outbox) => Directory.Exists(outbox)
        ? Directory.GetFiles(outbox, "*.eml").Select(file => MimeMessage.Load(file).Subject ?? "").Order(StringComparer.Ordinal).ToList()
        : [];
}
