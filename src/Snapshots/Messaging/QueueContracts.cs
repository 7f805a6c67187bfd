using Snapshots.Storage;

namespace Snapshots.Messaging;

/// <summary>Which message contract each queue carries, to tell a parked message that can be processed again from one that never can.</summary>
internal static class QueueContracts
{
    /// <summary>Null when <paramref name="text"/> decodes as the current contract of <paramref name="queue"/>; otherwise why not.</summary>
    public static string? ProblemWith(string queue, string text)
    {
        try
        {
            _ = queue switch
            {
                QueueNames.Capture => (IQueueMessage)QueueMessageCodec.Decode<CaptureRequest>(queue, text, CaptureRequest.CurrentVersion),
                QueueNames.Changes => QueueMessageCodec.Decode<ChangeNotice>(queue, text, ChangeNotice.CurrentVersion),
                QueueNames.Emails => QueueMessageCodec.Decode<EmailRequest>(queue, text, EmailRequest.CurrentVersion),
                QueueNames.Timestamps => QueueMessageCodec.Decode<TimestampRequest>(queue, text, TimestampRequest.CurrentVersion),
                QueueNames.Wayback => QueueMessageCodec.Decode<WaybackRequest>(queue, text, WaybackRequest.CurrentVersion),
                QueueNames.ChannelDeliveries => QueueMessageCodec.Decode<ChannelDelivery>(queue, text, ChannelDelivery.CurrentVersion),
                _ => throw new ArgumentException($"'{queue}' is not a queue of the pipeline ({string.Join(", ", QueueNames.All)})", nameof(queue)),
            };
            return null;
        }
        catch (MalformedMessageException e)
        {
            return e.Message;
        }
    }
}
