using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace Snapshots.Email;

/// <summary>
/// A row of the <c>deliveries</c> table: the idempotency record of one email. PartitionKey is the subscriber id,
/// RowKey the message key encoded by <see cref="DeliveryKeys"/>.
/// </summary>
public sealed class DeliveryRecord : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string MessageKey { get; set; } = "";
    public string Kind { get; set; } = "";
    /// <summary>One of <see cref="DeliveryStates"/>.</summary>
    public string State { get; set; } = DeliveryStates.Sending;
    public int Attempts { get; set; }
    /// <summary>When the current attempt claimed the row; another attempt may take over after the lease.</summary>
    public DateTimeOffset ClaimedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    /// <summary>SendGrid's X-Message-Id, or the outbox .eml path.</summary>
    public string? Reference { get; set; }
    public string? Transport { get; set; }
    public int? FailureStatus { get; set; }
    public string? Detail { get; set; }

    /// <summary>
    /// Not stored: set by <see cref="DeliveryLedger.ClaimAsync"/> when this claim took over from an attempt that may have handed
    /// the email to the transport without the row saying so (a <c>sending</c> row past its lease, or a failure with no status:
    /// a network error or a lost reply). The sender asks the transport before sending again.
    /// </summary>
    [IgnoreDataMember]
    public bool MayHaveBeenSent { get; set; }
}

/// <summary>States of a <see cref="DeliveryRecord"/>. Final states are never left: a redelivered message does nothing.</summary>
internal static class DeliveryStates
{
    /// <summary>Claimed by an attempt that is sending now (or crashed while sending).</summary>
    public const string Sending = "sending";
    /// <summary>The last attempt failed in a way worth retrying (429, 5xx, network); the next attempt may claim it at once.</summary>
    public const string Retrying = "retrying";
    public const string Sent = "sent";
    /// <summary>The provider refused the email for good (a 4xx other than 429): not retried.</summary>
    public const string FailedPermanently = "failed-permanently";
    /// <summary>
    /// The email's message went to <c>emails-poison</c> after failed attempts and will be re-driven (see
    /// <c>Messaging.RedrivePolicy</c>); the next attempt may claim it at once.
    /// </summary>
    public const string Parked = "parked";
    /// <summary>Parked after every re-drive it gets: it is not tried again unless an operator re-drives it by hand.</summary>
    public const string ParkedForGood = "parked-for-good";
    /// <summary>The subscriber is suppressed (bounce, complaint, unsubscribe): nothing was sent.</summary>
    public const string Suppressed = "suppressed";
    /// <summary>The subscriber no longer wants this kind of email: nothing was sent.</summary>
    public const string Skipped = "skipped";

    public static bool IsFinal(string state) => state is Sent or FailedPermanently or Suppressed or Skipped;

    /// <summary>Not sent yet after failed attempts, and to be tried again (by the queue or a re-drive).</summary>
    public static bool AwaitsRetry(string state) => state is Retrying or Parked;
}
