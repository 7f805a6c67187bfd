using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Catalog;
using Snapshots.Email;
using Snapshots.Messaging;
using Snapshots.Pipeline;
using Snapshots.Storage;
using Snapshots.Subscribers;

namespace Snapshots.IntegrationTests.Email;

/// <summary>A tracked platform whose privacy policy changed once (versions 1 and 2), a watcher who follows it, and the alert for version 2.</summary>
public sealed class EmailFixture : IAsyncDisposable
{
    public const string Email = "dana@example.com";
    public static string SubscriberId => EmailAddress.Parse(Email).Id;

    private EmailFixture(TrackedSite site, string outbox)
    {
        Site = site;
        Outbox = outbox;
    }

    public TrackedSite Site { get; }
    public string Outbox { get; }
    public DocumentId Document { get; private set; }
    public string CurrentSha { get; private set; } = "";
    public TestPipeline Pipeline => Site.Pipeline;
    public SendEmailHandler Handler => Pipeline.Get<SendEmailHandler>();
    public DeliveryLedger Deliveries => Pipeline.Get<DeliveryLedger>();

    /// <summary>With <paramref name="sendGridHost"/>, mail goes to SendGrid there; without, to a fresh outbox folder.</summary>
    public static async Task<EmailFixture> StartAsync(string? sendGridHost = null, bool suppressed = false)
    {
        var outbox = Directory.CreateTempSubdirectory("snapshots-outbox-").FullName;
        var settings = new Dictionary<string, string?> { ["Outbox:Path"] = outbox };
        if (sendGridHost is not null)
        {
            settings["SendGrid:ApiKey"] = "SG.test-key";
            settings["SendGrid:Host"] = sendGridHost;
            settings["SendGrid:FromEmail"] = "alerts@snapshots.test";
            settings["SendGrid:AlertsUnsubscribeGroupId"] = "1111";
            settings["SendGrid:DigestsUnsubscribeGroupId"] = "2222";
        }
        var fixture = new EmailFixture(await TrackedSite.StartAsync(settings), outbox);
        await fixture.PrepareAsync(suppressed);
        return fixture;
    }

    public string AlertMessage() => QueueMessageCodec.Encode(new EmailRequest(EmailRequest.CurrentVersion, AlertEmail.Kind, SubscriberId,
        AlertEmail.KeyFor(Document.ToString(), CurrentSha), Document.ToString(), 2));

    public string DigestMessage(string week = "2026-W47") => QueueMessageCodec.Encode(new EmailRequest(EmailRequest.CurrentVersion, DigestEmail.Kind, SubscriberId,
        DigestEmail.KeyFor(week), IsoWeek: week));

    public async Task<DeliveryRecord?> DeliveryAsync(string message) =>
        await Deliveries.FindAsync(SubscriberId, QueueMessageCodec.Decode<EmailRequest>(QueueNames.Emails, message, 1).MessageKey);

    private async Task PrepareAsync(bool suppressed)
    {
        Document = await Site.TrackAsync("Mistral AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention + PolicyPages.Training));
        await Site.CheckAsync(Document);
        Site.Site.Page("/privacy", PolicyPages.Privacy(
            "<h2>Data retention</h2><p>We keep your prompts for 90 days.</p>" +
            "<h2>Model training</h2><p>We may use your content to train our models unless you opt out.</p>"));
        var outcome = await Site.CheckAsync(Document);
        Assert.True(outcome.IsChange, outcome.Detail);
        CurrentSha = (await Site.Catalog.GetAsync(Document)).CurrentSha256!;

        var subscriber = await Pipeline.Get<SubscriberDirectory>().AddAsync(Email, "watcher", [Document.Platform]);
        Assert.Equal(SubscriberId, subscriber.SubscriberId);
        if (suppressed)
        {
            subscriber.Suppressed = true;
            await Pipeline.Storage.Subscribers.UpdateEntityAsync(subscriber, subscriber.ETag);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Site.DisposeAsync();
        try { Directory.Delete(Outbox, recursive: true); } catch (IOException) { }
    }
}
