namespace Snapshots.Messaging;

/// <summary>
/// Get a trusted RFC 3161 timestamp for one recorded version's chain hash. <see cref="Attempt"/> counts the times no
/// authority gave a token (the request is re-queued with a growing delay).
/// </summary>
internal sealed record TimestampRequest(
    int V,
    string DocumentId,
    long Sequence,
    string ChainHash,
    int Attempt = 0,
    DateTimeOffset? RequestedAt = null) : IQueueMessage
{
    public const int CurrentVersion = 1;
}
