namespace Snapshots.Messaging;

/// <summary>
/// Capture these documents now. Documents that share a source URL travel in one request so that the page is fetched once.
/// </summary>
internal sealed record CaptureRequest(int V, IReadOnlyList<string> DocumentIds, DateTimeOffset RequestedAt) : IQueueMessage
{
    public const int CurrentVersion = 1;
}
