using Microsoft.Extensions.Logging;
using Snapshots.Messaging;

namespace Snapshots.Functions;

/// <summary>
/// What a queue function does with a message the library refuses as malformed: log it with the queue
/// message id, then rethrow so the host retries it up to maxDequeueCount and moves it to the
/// "-poison" queue untouched. No retry attribute: retries belong to the queue, not the function.
/// </summary>
internal static partial class MalformedMessages
{
    public static async Task HandleAsync(ILogger logger, string? messageId, Func<Task> handle)
    {
        try
        {
            await handle();
        }
        catch (MalformedMessageException e)
        {
            LogMalformed(logger, e.Queue, messageId ?? "(unknown)", e.Message, e);
            throw;
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Error,
        Message = "Malformed message {MessageId} on queue '{Queue}' is left for the poison queue: {Problem}")]
    private static partial void LogMalformed(ILogger logger, string queue, string messageId, string problem, Exception exception);
}
