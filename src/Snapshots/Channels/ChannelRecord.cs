using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace Snapshots.Channels;

/// <summary>
/// A row of the <c>channels</c> table: one delivery channel of a subscriber. PartitionKey is the subscriber id, RowKey the
/// channel id (<c>ch_</c> and 16 hex digits). <see cref="Secret"/> (webhooks only) signs every delivery; it is shown once, when
/// the channel is added, and never listed again. Updated with its ETag.
/// </summary>
public sealed class ChannelRecord : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    [IgnoreDataMember] public string SubscriberId => PartitionKey;
    [IgnoreDataMember] public string ChannelId => RowKey;

    /// <summary>One of <see cref="ChannelKind.All"/>.</summary>
    public string Kind { get; set; } = ChannelKind.Webhook;
    /// <summary>The target address, as given (checked when added and again at every connection).</summary>
    public string Url { get; set; } = "";
    /// <summary>A name the owner gave it, or empty.</summary>
    public string Label { get; set; } = "";
    /// <summary><c>whsec_</c> and the base64 key: the Standard Webhooks signing secret (webhooks only; empty for Slack and Teams).</summary>
    public string Secret { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Deliveries that failed for good in a row (after their last attempt, or refused by the receiver); a success clears it.</summary>
    public int ConsecutiveFailures { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? LastDeliveredAt { get; set; }
    public DateTimeOffset? LastFailedAt { get; set; }

    /// <summary>Set when the channel was disabled after too many failures in a row; nothing is sent to it after that.</summary>
    public DateTimeOffset? DisabledAt { get; set; }
    public string? DisabledReason { get; set; }

    [IgnoreDataMember] public bool Enabled => DisabledAt is null;

    /// <summary>The address without its path and query (Slack and Teams URLs carry their credentials there), for lists and emails.</summary>
    [IgnoreDataMember] public string ShownUrl => ChannelTarget.Shown(Url);

    /// <summary>How the channel is named to its owner: its label, else its kind and host.</summary>
    [IgnoreDataMember] public string Name => string.IsNullOrWhiteSpace(Label) ? $"{Kind} {ShownUrl}" : $"{Label} ({Kind} {ShownUrl})";
}
