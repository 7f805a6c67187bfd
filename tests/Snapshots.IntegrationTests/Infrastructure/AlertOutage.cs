using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Snapshots.Catalog;
using Snapshots.Cli.Local;
using Snapshots.Email;
using Snapshots.IntegrationTests.Hostile;
using Snapshots.Messaging;
using Snapshots.Storage;
using Snapshots.Subscribers;
using Snapshots.Tracking;

namespace Snapshots.IntegrationTests.Infrastructure;

/// <summary>
/// One alert and the outages it may meet: a tracked loopback platform whose privacy policy changed (versions 1 and 2), a
/// watcher following it, storage whose requests pass through a <see cref="StorageFault"/>, a clock the test moves, and the
/// real SendGrid client against an <see cref="OutageSendGridEndpoint"/> (or, without one, the outbox folder).
/// </summary>
internal sealed class AlertOutage : IAsyncDisposable
{
    public const string Email = "dana@example.com";
    public static string SubscriberId => EmailAddress.Parse(Email).Id;

    private AlertOutage(TestPipeline pipeline, LoopbackSite site, OutageSendGridEndpoint? sendGrid, string outbox, StorageFault fault, SettableClock clock)
    {
        Pipeline = pipeline;
        Site = site;
        SendGrid = sendGrid;
        Outbox = outbox;
        Fault = fault;
        Clock = clock;
    }

    public TestPipeline Pipeline { get; }
    public LoopbackSite Site { get; }
    public OutageSendGridEndpoint? SendGrid { get; }
    public string Outbox { get; }
    public StorageFault Fault { get; }
    public SettableClock Clock { get; }
    public DocumentId Document { get; private set; }
    public string CurrentSha { get; private set; } = "";
    public string DeclarationFile { get; private set; } = "";
    public StorageClients Storage => Pipeline.Storage;
    public T Get<T>() where T : notnull => Pipeline.Get<T>();

    /// <summary>The alert's delivery key.</summary>
    public string AlertKey => AlertEmail.KeyFor(Document.ToString(), CurrentSha);

    /// <summary>The real command on this fixture's storage, clock and faults.</summary>
    public CliRunner Cli => new(Pipeline.Configuration, services => Configure(services, Fault, Clock));

    /// <param name="sendGrid">With SendGrid on a loopback endpoint (true), or the outbox folder (false).</param>
    /// <param name="settings">More settings (e.g. <c>Redrive:MaxRedrives</c>).</param>
    public static async Task<AlertOutage> StartAsync(bool sendGrid = true, IDictionary<string, string?>? settings = null)
    {
        var outbox = Directory.CreateTempSubdirectory("snapshots-outage-outbox-").FullName;
        var endpoint = sendGrid ? await OutageSendGridEndpoint.StartAsync() : null;
        var values = new Dictionary<string, string?> { ["Outbox:Path"] = outbox };
        if (endpoint is not null)
        {
            values["SendGrid:ApiKey"] = "SG.test-key";
            values["SendGrid:Host"] = endpoint.Host;
            values["SendGrid:FromEmail"] = "alerts@snapshots.test";
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var fault = new StorageFault();
        var clock = new SettableClock();
        var pipeline = await TestPipeline.StartAsync(values, services => Configure(services, fault, clock));
        var outage = new AlertOutage(pipeline, await LoopbackSite.StartAsync(), endpoint, outbox, fault, clock);
        await outage.PrepareAsync();
        return outage;
    }

    private static void Configure(IServiceCollection services, StorageFault fault, TimeProvider clock)
    {
        services.AddSingleton<HttpPipelinePolicy>(fault);
        services.AddSingleton(clock);
    }

    /// <summary>The alert's <see cref="EmailRequest"/> as the fan-out writes it.</summary>
    public string AlertMessage() => QueueMessageCodec.Encode(new EmailRequest(EmailRequest.CurrentVersion, AlertEmail.Kind, SubscriberId,
        AlertKey, Document.ToString(), 2, RequestedAt: Clock.GetUtcNow()));

    public async Task QueueAlertAsync() => await Storage.Queue(QueueNames.Emails).SendMessageAsync(AlertMessage());

    /// <summary>
    /// Lets the <c>emails</c> consumer of <c>snapshots run</c> try the queued message until the queue gives up on it: five
    /// attempts, each failing (the provider or storage is down), then it is moved to <c>emails-poison</c>.
    /// </summary>
    public async Task FailUntilParkedAsync()
    {
        var emails = LocalQueues.Consumers(Pipeline.Services).Single(c => c.Queue == QueueNames.Emails);
        for (var attempt = 0; attempt < 100 && await CountAsync(QueueNames.PoisonOf(QueueNames.Emails)) == 0; attempt++)
        {
            await emails.DrainAsync(TimeSpan.FromSeconds(1), max: 1);
            await Task.Delay(TimeSpan.FromMilliseconds(1100));
        }
        Assert.Equal(1, await CountAsync(QueueNames.PoisonOf(QueueNames.Emails)));
        Assert.Equal(0, await CountAsync(QueueNames.Emails));
    }

    public async Task<int> CountAsync(string queue) => (await Storage.Queue(queue).GetPropertiesAsync()).Value.ApproximateMessagesCount;

    public async Task<DeliveryRecord?> DeliveryAsync() => await Get<DeliveryLedger>().FindAsync(SubscriberId, AlertKey);

    /// <summary>The <c>.eml</c> files in the outbox: one per email sent through it.</summary>
    public IReadOnlyList<string> OutboxEmails => Directory.GetFiles(Outbox, "*.eml");

    private async Task PrepareAsync()
    {
        Site.Page("/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        DeclarationFile = Path.Combine(Outbox, "..", $"{Path.GetFileName(Outbox)}-example-ai.json");
        await File.WriteAllTextAsync(DeclarationFile, PolicyPages.Declaration("Example AI", ("Privacy Policy", Site.Url("/privacy"))));
        var document = DeclarationParser.Parse(await File.ReadAllTextAsync(DeclarationFile), "example-ai.json").Documents.Single();
        await Get<DocumentCatalog>().UpsertAsync(document);
        Document = document.Id;
        await CheckAsync();
        Site.Page("/privacy", PolicyPages.Privacy(PolicyPages.Retention + PolicyPages.Training));
        var outcome = await CheckAsync();
        Assert.True(outcome.IsChange, outcome.Detail);
        CurrentSha = (await Get<DocumentCatalog>().GetAsync(Document)).CurrentSha256!;
        await Get<SubscriberDirectory>().AddAsync(Email, "watcher", [Document.Platform]);
        // The capture put the change notice on "changes"; these tests queue the alert themselves.
        await Storage.Queue(QueueNames.Changes).ClearMessagesAsync();
    }

    private async Task<CaptureOutcome> CheckAsync() =>
        (await Get<CaptureCycle>().RunAsync([await Get<DocumentCatalog>().GetAsync(Document)])).Single();

    public async ValueTask DisposeAsync()
    {
        await Pipeline.DisposeAsync();
        await Site.DisposeAsync();
        if (SendGrid is not null) await SendGrid.DisposeAsync();
        try { Directory.Delete(Outbox, recursive: true); } catch (IOException) { }
        try { File.Delete(DeclarationFile); } catch (IOException) { }
    }
}
