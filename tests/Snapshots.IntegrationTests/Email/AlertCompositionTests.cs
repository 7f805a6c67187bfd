using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Snapshots.Catalog;
using Snapshots.Email;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Messaging;
using Snapshots.Pipeline;
using Snapshots.Storage;
using Snapshots.Subscribers;

namespace Snapshots.IntegrationTests.Email;

/// <summary>
/// An alert is composed once per version (both texts read and compared once) and kept for all its followers, whose copies
/// differ only by their plan note and their own links (issue 23, item 2).
/// </summary>
public sealed class AlertCompositionTests
{
    private static readonly DateTimeOffset Captured = new(2026, 11, 18, 7, 42, 0, TimeSpan.Zero);

    [Fact]
    public async Task Followers_alerted_together_share_one_composition_and_each_gets_their_own_plan_note()
    {
        await using var t = await Version2.StartAsync();
        var followers = new List<SubscriberRecord>();
        for (var i = 0; i < 6; i++)
            followers.Add(await t.Pipeline.Get<SubscriberDirectory>().AddAsync($"f{i}@example.com", i % 2 == 0 ? "watcher" : "monitor", ["example-ai"]));
        t.Log.Clear();

        var results = await Task.WhenAll(followers.Select(f => t.SendAsync(f)));

        Assert.All(results, r => Assert.Equal(SendStatus.Sent, r.Status));
        // Composing reads the new text and the previous one; every other follower was served the same composition.
        Assert.Equal(2, t.TextReads());
        Assert.Single(await t.KeptAlertsAsync());
        var emails = await Task.WhenAll(results.Select(r => MimeMessage.LoadAsync(r.Reference!)));
        Assert.Single(emails.Select(e => e.Subject).Distinct());
        Assert.All(emails, e => Assert.Contains("[-30-][+90+]", e.TextBody!.Replace(" ", "")));
        for (var i = 0; i < followers.Count; i++)
            Assert.Contains(i % 2 == 0 ? "You are on the Watcher plan" : "You are on the Monitor plan", emails[i].TextBody!);
    }

    [Fact]
    public async Task A_later_follower_and_another_instance_are_served_the_kept_alert_without_reading_the_texts()
    {
        await using var t = await Version2.StartAsync();
        var directory = t.Pipeline.Get<SubscriberDirectory>();
        var first = await directory.AddAsync("first@example.com", "watcher", ["example-ai"]);
        var later = await directory.AddAsync("later@example.com", "monitor", ["example-ai"]);
        var elsewhere = await directory.AddAsync("elsewhere@example.com", "watcher", ["example-ai"]);
        t.Log.Clear();
        Assert.Equal(SendStatus.Sent, (await t.SendAsync(first)).Status);
        Assert.Equal(2, t.TextReads());
        t.Log.Clear();

        Assert.Equal(SendStatus.Sent, (await t.SendAsync(later)).Status);
        Assert.Equal(0, t.TextReads());
        Assert.Contains($"GET {StorageNames.AlertsContainer}/{VersionAlerts.BlobName(t.Document, 2, t.Key)}", t.Log.Requests);

        // A new instance (nothing in memory) on the same storage account finds the kept alert too.
        var log = new StorageRequestLog();
        var services = new ServiceCollection()
            .AddSnapshots(TestPipeline.BuildConfiguration(t.Pipeline.ConnectionString, t.Settings))
            .AddSingleton<HttpPipelinePolicy>(log);
        await using var instance = services.BuildServiceProvider();
        var result = await instance.GetRequiredService<SendEmailHandler>().HandleAsync(t.Message(elsewhere));

        Assert.Equal(SendStatus.Sent, result.Status);
        Assert.DoesNotContain(log.Requests, r => r.StartsWith($"GET {StorageNames.SnapshotsContainer}/", StringComparison.Ordinal));
        Assert.Contains("You are on the Watcher plan", (await MimeMessage.LoadAsync(result.Reference!)).TextBody!);
    }

    /// <summary>A document with two recorded versions, on a pipeline whose storage requests are logged and whose mail goes to an outbox.</summary>
    private sealed class Version2 : IAsyncDisposable
    {
        private readonly string _outbox;

        private Version2(TestPipeline pipeline, StorageRequestLog log, string outbox, IDictionary<string, string?> settings)
        {
            Pipeline = pipeline;
            Log = log;
            _outbox = outbox;
            Settings = settings;
        }

        public TestPipeline Pipeline { get; }
        public StorageRequestLog Log { get; }
        public IDictionary<string, string?> Settings { get; }
        public DocumentId Document { get; private set; }
        public string Sha { get; private set; } = "";
        public string Key => AlertEmail.KeyFor(Document.ToString(), Sha);

        public static async Task<Version2> StartAsync()
        {
            var outbox = Directory.CreateTempSubdirectory("snapshots-outbox-").FullName;
            var settings = new Dictionary<string, string?> { ["Outbox:Path"] = outbox };
            var log = new StorageRequestLog();
            var t = new Version2(await TestPipeline.StartAsync(settings, services => services.AddSingleton<HttpPipelinePolicy>(log)), log, outbox, settings);
            t.Document = (await TrackedPlatforms.DeclareAsync(t.Pipeline, "Example AI", "Privacy Policy"))[0];
            await TrackedPlatforms.RecordAsync(t.Pipeline, t.Document, Captured.AddDays(-30), "# Privacy\n\n## Data retention\n\nWe keep your prompts for 30 days.");
            t.Sha = (await TrackedPlatforms.RecordAsync(t.Pipeline, t.Document, Captured, "# Privacy\n\n## Data retention\n\nWe keep your prompts for 90 days.")).TextSha256;
            return t;
        }

        public string Message(SubscriberRecord follower) =>
            QueueMessageCodec.Encode(AlertEmail.Request(follower.SubscriberId, Document.ToString(), Sha, 2, Captured));

        public Task<SendResult> SendAsync(SubscriberRecord follower) => Pipeline.Get<SendEmailHandler>().HandleAsync(Message(follower));

        /// <summary>Reads of archived texts (the composition's inputs) since the log was last cleared.</summary>
        public int TextReads() =>
            Log.Requests.Count(r => r.StartsWith($"GET {StorageNames.SnapshotsContainer}/", StringComparison.Ordinal) && r.EndsWith(".md", StringComparison.Ordinal));

        public async Task<IReadOnlyList<string>> KeptAlertsAsync()
        {
            var names = new List<string>();
            await foreach (var blob in Pipeline.Storage.Alerts.GetBlobsAsync()) names.Add(blob.Name);
            return names;
        }

        public async ValueTask DisposeAsync()
        {
            await Pipeline.DisposeAsync();
            try { Directory.Delete(_outbox, recursive: true); } catch (IOException) { }
        }
    }
}
