namespace Snapshots.Messaging;

/// <summary>A new version of a document was recorded.</summary>
public sealed record ChangeNotice(
    int V,
    string DocumentId,
    long Sequence,
    string Sha256,
    DateTimeOffset CapturedAt,
    string? PreviousSha256 = null,
    string? Severity = null) : IQueueMessage
{
    public const int CurrentVersion = 1;
}
