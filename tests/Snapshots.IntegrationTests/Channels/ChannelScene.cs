using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Channels;
using Snapshots.Email;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Messaging;
using Snapshots.Pipeline;
using Snapshots.Storage;
using Snapshots.Subscribers;

namespace Snapshots.IntegrationTests.Channels;

/// <summary>
/// A tracked document with two recorded versions (the second a change), a watcher following its platform, and a loopback
/// receiver opened to delivery (only its own endpoint: the rest of loopback and private networks stays refused, as in production).
/// Emails go to an outbox folder of the test's own.
/// </summary>
internal sealed class ChannelScene : IAsyncDisposable
{
    private ChannelScene(TestPipeline pipeline, ChannelReceiver receiver, DocumentId document, VersionRecord change, SubscriberRecord watcher, string outbox)
    {
        Pipeline = pipeline;
        Receiver = receiver;
        Document = document;
        Change = change;
        Watcher = watcher;
        Outbox = outbox;
    }

    public TestPipeline Pipeline { get; }
    public ChannelReceiver Receiver { get; }
    public DocumentId Document { get; }
    public VersionRecord Change { get; }
    public SubscriberRecord Watcher { get; }
    public string Outbox { get; }

    public ChannelDirectory Channels => Pipeline.Get<ChannelDirectory>();
    public DeliverToChannelHandler Handler => Pipeline.Get<DeliverToChannelHandler>();

    public static async Task<ChannelScene> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var receiver = await ChannelReceiver.StartAsync();
        var outbox = Directory.CreateTempSubdirectory("snapshots-channels-outbox-").FullName;
        var values = new Dictionary<string, string?>
        {
            ["Fetch:AllowPrivateNetworks"] = "false",
            ["Fetch:AllowedPrivateEndpoints:0"] = receiver.Endpoint,
            ["Outbox:Path"] = outbox,
            ["Web:PublicBaseUrl"] = "https://terms.example.org",
            ["Channels:RetryBaseDelay"] = "00:00:00.050",
            ["Channels:Timeout"] = "00:00:05",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var pipeline = await TestPipeline.StartAsync(values);
        var document = (await TrackedPlatforms.DeclareAsync(pipeline, "Example AI", "Privacy Policy"))[0];
        var at = DateTimeOffset.UtcNow.AddDays(-2);
        await TrackedPlatforms.RecordAsync(pipeline, document, at, "# Privacy\n\nWe keep your data for 30 days.\n\n## Training\n\nWe do not train on your data.");
        var change = await TrackedPlatforms.RecordAsync(pipeline, document, at.AddDays(1), "# Privacy\n\nWe keep your data for 90 days.\n\n## Training\n\nWe may train our models on your conversations.");
        var watcher = await pipeline.Get<SubscriberDirectory>().AddAsync("owner@example.com", "watcher", ["example-ai"]);
        return new ChannelScene(pipeline, receiver, document, change, watcher, outbox);
    }

    /// <summary>Fans out the change's notice (as the changes queue would) and returns the channel deliveries it queued.</summary>
    public async Task<IReadOnlyList<string>> FanOutAsync()
    {
        await Pipeline.Get<FanOutChangeHandler>().HandleAsync(QueueMessageCodec.Encode(Snapshots.Tracking.ChangeAnnouncer.NoticeOf(Change)));
        var queue = Pipeline.Storage.Queue(QueueNames.ChannelDeliveries);
        var messages = (await queue.ReceiveMessagesAsync(32)).Value;
        foreach (var m in messages) await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt);
        return messages.Select(m => m.MessageText).ToList();
    }

    /// <summary>A delivery of this scene's change to <paramref name="channel"/>, as the fan-out writes it.</summary>
    public string DeliveryTo(ChannelRecord channel, VersionRecord? version = null)
    {
        var v = version ?? Change;
        return QueueMessageCodec.Encode(new ChannelDelivery(ChannelDelivery.CurrentVersion, Watcher.SubscriberId, channel.ChannelId,
            AlertEmail.KeyFor(Document.ToString(), v.TextSha256), Document.ToString(), v.Sequence));
    }

    /// <summary>Waits until a message of the channel-deliveries queue is visible (at most <paramref name="within"/>), takes it and returns its text.</summary>
    public async Task<(string Text, TimeSpan After)> NextRetryAsync(TimeSpan within)
    {
        var queue = Pipeline.Storage.Queue(QueueNames.ChannelDeliveries);
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (started.Elapsed < within)
        {
            var messages = (await queue.ReceiveMessagesAsync(1)).Value;
            if (messages.Length == 1)
            {
                await queue.DeleteMessageAsync(messages[0].MessageId, messages[0].PopReceipt);
                return (messages[0].MessageText, started.Elapsed);
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"no retry became visible on {QueueNames.ChannelDeliveries} within {within}");
    }

    public async ValueTask DisposeAsync()
    {
        await Pipeline.DisposeAsync();
        await Receiver.DisposeAsync();
        try { Directory.Delete(Outbox, recursive: true); } catch (IOException) { }
    }
}
