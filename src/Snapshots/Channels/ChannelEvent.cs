namespace Snapshots.Channels;

/// <summary>
/// What one delivery tells, before it is written for a kind of channel (<see cref="ChannelPayloads"/>): the same event as an
/// email alert (a document's new version, or the followed provisions it changed) or a test. Platform and document names are
/// scraped or declared text: every payload writes them as JSON strings (Slack's mrkdwn escaped), never as markup.
/// </summary>
public sealed record ChannelEvent(
    string Type,
    string PlatformName,
    string Platform,
    string DocumentId,
    string TermsType,
    long Sequence,
    DateTimeOffset CapturedAt,
    string Severity,
    string Summary,
    IReadOnlyList<string> Provisions,
    Uri Url,
    DateTimeOffset OccurredAt)
{
    /// <summary>A new version of a followed document (the <c>alert</c> email's event).</summary>
    public const string DocumentChanged = "document.changed";
    /// <summary>Followed provisions changed in a new version (the <c>provision-alert</c> email's event).</summary>
    public const string ProvisionsChanged = "provisions.changed";
    /// <summary>A test the owner asked for; it tells of no change.</summary>
    public const string ChannelTest = "channel.test";

    /// <summary>One line: "Mistral AI Privacy Policy changed (high): 2 sections modified".</summary>
    public string Headline => Type == ChannelTest
        ? "Snapshots test delivery: this channel works"
        : $"{PlatformName} {TermsType} changed ({Severity})";
}
