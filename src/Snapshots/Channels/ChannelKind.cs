using Snapshots.Subscribers;

namespace Snapshots.Channels;

/// <summary>The kinds of delivery channel: what the payload looks like and how it is authenticated.</summary>
public static class ChannelKind
{
    /// <summary>A generic HTTPS endpoint, signed per the Standard Webhooks specification with the channel's own secret.</summary>
    public const string Webhook = "webhook";
    /// <summary>A Slack incoming webhook: a Block Kit message.</summary>
    public const string Slack = "slack";
    /// <summary>A Microsoft Teams workflow webhook ("When a Teams webhook request is received"): an Adaptive Card.</summary>
    public const string Teams = "teams";

    public static readonly IReadOnlyList<string> All = [Webhook, Slack, Teams];

    /// <summary>The kind named <paramref name="name"/> (case-insensitive); anything else is refused naming the kinds.</summary>
    public static string Parse(string? name) =>
        All.FirstOrDefault(k => string.Equals(k, name?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new ChannelRefusedException($"unknown channel kind '{Text.VisibleText.Bounded(name ?? "", 40)}': choose one of {string.Join(", ", All)}");
}

/// <summary>A channel change refused as asked: nothing was written. The message says what and why.</summary>
public sealed class ChannelRefusedException(string message) : SubscriberRefusedException(message);
