namespace Snapshots.Storage;

/// <summary>Names of the blob containers and tables (queue names are in <see cref="QueueNames"/>).</summary>
internal static class StorageNames
{
    public const string SnapshotsContainer = "snapshots";
    /// <summary>Each version's alert as composed once for all its followers: a cache, not evidence (see <c>Email/VersionAlerts</c>).</summary>
    public const string AlertsContainer = "alerts";
    public const string DocumentsTable = "documents";
    public const string VersionsTable = "versions";
    public const string SubscribersTable = "subscribers";
    public const string DeliveriesTable = "deliveries";
    /// <summary>Returns of a document to a text it already had (page variants): evidence, not versions.</summary>
    public const string ObservationsTable = "observations";

    /// <summary>Each version's provisions with their lineage (one row per version), derived from its text.</summary>
    public const string ProvisionsTable = "provisions";

    /// <summary>The transparency log: its leaves, the index of logged entries, signed checkpoints and the sequencer's state.</summary>
    public const string TransparencyLogTable = "transparencylog";

    /// <summary>A subscriber's delivery channels (webhooks, Slack, Teams): PK subscriber id, RK channel id.</summary>
    public const string ChannelsTable = "channels";

    public static readonly IReadOnlyList<string> Tables = [DocumentsTable, VersionsTable, SubscribersTable, DeliveriesTable, ObservationsTable, ProvisionsTable, TransparencyLogTable, ChannelsTable];
}
