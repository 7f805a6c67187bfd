using System.Text.Json.Serialization;

namespace Snapshots.Messaging;

/// <summary>
/// A new version of a document was recorded. <see cref="TextSha256"/> is the version's text hash, the one name it has from
/// capture to email; on the wire it stays <c>sha256</c> (and <c>previousSha256</c>), so messages already queued still decode.
/// </summary>
public sealed record ChangeNotice(
    int V,
    string DocumentId,
    long Sequence,
    [property: JsonPropertyName("sha256")] string TextSha256,
    DateTimeOffset CapturedAt,
    [property: JsonPropertyName("previousSha256")] string? PreviousTextSha256 = null,
    string? Severity = null) : IQueueMessage
{
    public const int CurrentVersion = 1;
}
