namespace Snapshots.Storage;

/// <summary>The queues of the pipeline. Function triggers and every producer use these constants.</summary>
public static class QueueNames
{
    /// <summary>One <see cref="CaptureRequest"/> per due document (or group of documents sharing a page).</summary>
    public const string Capture = "capture";

    /// <summary>One <see cref="ChangeNotice"/> per new version.</summary>
    public const string Changes = "changes";

    /// <summary>One <see cref="EmailRequest"/> per email to send.</summary>
    public const string Emails = "emails";

    /// <summary>One <c>TimestampRequest</c> (Snapshots.Messaging) per new version: an RFC 3161 token for its chain hash.</summary>
    public const string Timestamps = "timestamps";

    /// <summary>One <c>WaybackRequest</c> (Snapshots.Messaging) per new live version when Wayback is on: a Save Page Now capture.</summary>
    public const string Wayback = "wayback";

    /// <summary>One <c>ChannelDelivery</c> (Snapshots.Messaging) per event to one delivery channel (webhook, Slack, Teams).</summary>
    public const string ChannelDeliveries = "channel-deliveries";

    public static readonly IReadOnlyList<string> All = [Capture, Changes, Emails, Timestamps, Wayback, ChannelDeliveries];

    /// <summary>Where the Functions host moves a message after maxDequeueCount failed attempts.</summary>
    public static string PoisonOf(string queue) => $"{queue}-poison";
}
