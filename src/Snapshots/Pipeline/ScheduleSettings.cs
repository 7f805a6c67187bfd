namespace Snapshots.Pipeline;

/// <summary>
/// The settings that hold the timer schedules (six-field NCRONTAB), read by the Functions app's timer triggers
/// (<c>%CAPTURE_SCHEDULE%</c>) and by the <c>snapshots run</c> host alike, with the defaults both use.
/// </summary>
public static class ScheduleSettings
{
    public const string Capture = "CAPTURE_SCHEDULE";
    public const string DefaultCapture = "0 0 * * * *";
    public const string Digest = "DIGEST_SCHEDULE";
    public const string DefaultDigest = "0 0 7 * * 1";
    public const string Redrive = "REDRIVE_SCHEDULE";
    public const string DefaultRedrive = "0 */5 * * * *";
    public const string Log = "LOG_SCHEDULE";
    public const string DefaultLog = "30 */5 * * * *";
    public const string Renew = "RENEW_SCHEDULE";
    public const string DefaultRenew = "0 30 3 * * *";

    /// <summary>The binding expression of the capture timer: the host resolves it from the app settings.</summary>
    public const string CaptureExpression = "%" + Capture + "%";

    /// <summary>The binding expression of the digest timer.</summary>
    public const string DigestExpression = "%" + Digest + "%";

    /// <summary>The binding expression of the re-drive timer (parked messages back to their queues).</summary>
    public const string RedriveExpression = "%" + Redrive + "%";

    /// <summary>The binding expression of the transparency log's sequencer timer.</summary>
    public const string LogExpression = "%" + Log + "%";
    /// <summary>The binding expression of the timestamp renewal timer (long-term timestamps stamped again before they expire).</summary>
    public const string RenewExpression = "%" + Renew + "%";
}
