namespace Snapshots.IntegrationTests.Infrastructure;

/// <summary>One request a <see cref="LoopbackSite"/> received: headers are keyed case-insensitively, multiple values joined by ", ".</summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string QueryString,
    IReadOnlyDictionary<string, string> Headers,
    DateTimeOffset ReceivedAt)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
