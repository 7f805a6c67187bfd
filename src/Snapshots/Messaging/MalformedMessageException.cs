namespace Snapshots.Messaging;

/// <summary>
/// A queue message that cannot be processed as written: not JSON, missing fields, or a contract version this code does not know.
/// Thrown before anything is done, so that the host retries it and then moves it to the poison queue untouched.
/// </summary>
public sealed class MalformedMessageException(string queue, string problem, Exception? inner = null)
    : Exception($"malformed message on queue '{queue}': {problem}", inner)
{
    public string Queue { get; } = queue;
}
