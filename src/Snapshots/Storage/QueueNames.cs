namespace Snapshots.Storage;

/// <summary>The three queues of the pipeline. Function triggers and every producer use these constants.</summary>
public static class QueueNames
{
    /// <summary>One <see cref="CaptureRequest"/> per due document (or group of documents sharing a page).</summary>
    public const string Capture = "capture";

    /// <summary>One <see cref="ChangeNotice"/> per new version.</summary>
    public const string Changes = "changes";

    /// <summary>One <see cref="EmailRequest"/> per email to send.</summary>
    public const string Emails = "emails";

    public static readonly IReadOnlyList<string> All = [Capture, Changes, Emails];

    /// <summary>Where the Functions host moves a message after maxDequeueCount failed attempts.</summary>
    public static string PoisonOf(string queue) => $"{queue}-poison";
}
