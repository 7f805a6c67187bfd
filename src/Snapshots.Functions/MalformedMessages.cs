using Snapshots.Messaging;

namespace Snapshots.Functions;

/// <summary>
/// What a queue function does with a message the library refuses as malformed: it moves it to the "-poison" queue at once
/// with one log line (queue, message id, reason, where it went; see <see cref="PoisonQueue"/>) and returns, so the host
/// deletes the original instead of retrying it five times. `snapshots run` does the same. A message that is not even valid
/// base64 never reaches a function: the host's queue extension moves it to "-poison" at once by itself.
/// No retry attribute: retries of other failures belong to the queue (maxDequeueCount), not the function.
/// </summary>
internal static class MalformedMessages
{
    public static async Task HandleAsync(PoisonQueue poison, string? messageId, string message, Func<Task> handle, CancellationToken ct)
    {
        try
        {
            await handle();
        }
        catch (MalformedMessageException e)
        {
            await poison.MoveAsync(e.Queue, messageId, message, e.Message, ct);
        }
    }
}
