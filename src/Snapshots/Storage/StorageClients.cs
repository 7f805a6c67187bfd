using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Snapshots.Storage;

/// <summary>
/// The real Azure SDK clients for the one storage account: the snapshots and alerts containers, the tables and the queues
/// (queue messages base64-encoded, as the Functions host expects by default).
/// </summary>
public sealed class StorageClients
{
    private readonly QueueServiceClient _queues;
    private readonly QueueServiceClient _rawQueues;
    private readonly Func<QueueClientOptions, QueueServiceClient> _queueService;
    private readonly HttpPipelinePolicy[] _extraPolicies;

    public StorageClients(StorageOptions options, params HttpPipelinePolicy[] extraPolicies)
    {
        Options = options;
        var blobOptions = WithPolicies(new BlobClientOptions(), extraPolicies);
        var tableOptions = WithPolicies(new TableClientOptions(), extraPolicies);
        _extraPolicies = extraPolicies;

        if (options.AccountName is { } account)
        {
            TokenCredential credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = options.ClientId });
            Blobs = new BlobServiceClient(new Uri($"https://{account}.blob.core.windows.net"), credential, blobOptions);
            Tables = new TableServiceClient(new Uri($"https://{account}.table.core.windows.net"), credential, tableOptions);
            _queueService = queueOptions => new QueueServiceClient(new Uri($"https://{account}.queue.core.windows.net"), credential, queueOptions);
        }
        else
        {
            var connection = options.ConnectionString ?? StorageOptions.DevelopmentStorage;
            Blobs = new BlobServiceClient(connection, blobOptions);
            Tables = new TableServiceClient(connection, tableOptions);
            _queueService = queueOptions => new QueueServiceClient(connection, queueOptions);
        }
        _queues = _queueService(QueueOptions(QueueMessageEncoding.Base64));
        _rawQueues = _queueService(QueueOptions(QueueMessageEncoding.None));
        Snapshots = Blobs.GetBlobContainerClient(StorageNames.SnapshotsContainer);
        Alerts = Blobs.GetBlobContainerClient(StorageNames.AlertsContainer);
        Documents = Tables.GetTableClient(StorageNames.DocumentsTable);
        Versions = Tables.GetTableClient(StorageNames.VersionsTable);
        Subscribers = Tables.GetTableClient(StorageNames.SubscribersTable);
        Deliveries = Tables.GetTableClient(StorageNames.DeliveriesTable);
        Observations = Tables.GetTableClient(StorageNames.ObservationsTable);
        Provisions = Tables.GetTableClient(StorageNames.ProvisionsTable);
        TransparencyLog = Tables.GetTableClient(StorageNames.TransparencyLogTable);
        Channels = Tables.GetTableClient(StorageNames.ChannelsTable);
    }

    public StorageOptions Options { get; }
    public BlobServiceClient Blobs { get; }
    public TableServiceClient Tables { get; }
    public BlobContainerClient Snapshots { get; }
    public BlobContainerClient Alerts { get; }
    public TableClient Documents { get; }
    public TableClient Versions { get; }
    public TableClient Subscribers { get; }
    public TableClient Deliveries { get; }
    public TableClient Observations { get; }
    public TableClient Provisions { get; }
    public TableClient TransparencyLog { get; }
    public TableClient Channels { get; }

    public QueueClient Queue(string name) => _queues.GetQueueClient(name);

    /// <summary>A queue client that reads and writes message bodies as they are on the wire (no base64), for poison copies.</summary>
    public QueueClient RawQueue(string name) => _rawQueues.GetQueueClient(name);

    /// <summary>
    /// A base64 queue client for a consumer: a received message that is not valid base64 is handed to
    /// <paramref name="undecodable"/> (which must remove it) and left out of the batch, as the Functions host does.
    /// </summary>
    public QueueClient ReceivingQueue(string name, Func<QueueMessageDecodingFailedEventArgs, Task> undecodable)
    {
        var options = QueueOptions(QueueMessageEncoding.Base64);
        options.MessageDecodingFailed += args => undecodable(args);
        return _queueService(options).GetQueueClient(name);
    }

    private QueueClientOptions QueueOptions(QueueMessageEncoding encoding) =>
        WithPolicies(new QueueClientOptions { MessageEncoding = encoding }, _extraPolicies);

    /// <summary>
    /// Creates the containers, tables and queues (with their poison queues) if missing. Safe to call often. On a store
    /// that has them all (every command after the first) it makes three requests, one listing of each service, instead
    /// of one create request for each of 22 names, 10 of them refused as existing (issue 25: a command's fixed cost).
    /// </summary>
    public async Task EnsureCreatedAsync(CancellationToken ct = default)
    {
        var containers = Names(Blobs.GetBlobContainersAsync(cancellationToken: ct), c => c.Name);
        var tables = Names(Tables.QueryAsync(cancellationToken: ct), t => t.Name);
        var queues = Names(_queues.GetQueuesAsync(cancellationToken: ct), q => q.Name);
        await Task.WhenAll(containers, tables, queues);

        // Still "if not exists": another process may create the same name between the listing and this request.
        List<Task> creating = [];
        creating.AddRange(new[] { Snapshots, Alerts }.Where(c => !containers.Result.Contains(c.Name))
            .Select(c => (Task)c.CreateIfNotExistsAsync(cancellationToken: ct)));
        creating.AddRange(StorageNames.Tables.Where(t => !tables.Result.Contains(t))
            .Select(t => (Task)Tables.CreateTableIfNotExistsAsync(t, ct)));
        creating.AddRange(QueueNames.All.SelectMany(queue => new[] { queue, QueueNames.PoisonOf(queue) }).Where(q => !queues.Result.Contains(q))
            .Select(q => (Task)Queue(q).CreateIfNotExistsAsync(cancellationToken: ct)));
        await Task.WhenAll(creating);
    }

    private static async Task<HashSet<string>> Names<T>(AsyncPageable<T> items, Func<T, string> name) where T : notnull
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var item in items) names.Add(name(item));
        return names;
    }

    private static T WithPolicies<T>(T options, HttpPipelinePolicy[] policies) where T : ClientOptions
    {
        foreach (var policy in policies) options.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        return options;
    }
}
