namespace Snapshots.Messaging;

/// <summary>
/// Ask the Wayback Machine (Save Page Now 2) for a capture of a new version's source page. <see cref="JobId"/> is set once the
/// capture was submitted (the message then polls its status, <see cref="Polls"/> times so far); <see cref="Attempt"/> counts the
/// submissions that were refused for now (429, 5xx, no answer) and backed off.
/// </summary>
internal sealed record WaybackRequest(
    int V,
    string DocumentId,
    long Sequence,
    string Url,
    string? JobId = null,
    int Attempt = 0,
    int Polls = 0) : IQueueMessage
{
    public const int CurrentVersion = 1;
}
