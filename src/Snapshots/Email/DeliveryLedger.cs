using Azure;
using Azure.Data.Tables;
using Snapshots.Storage;

namespace Snapshots.Email;

/// <summary>
/// The <c>deliveries</c> table: one row per email, claimed before sending and marked after, so that a queue message
/// delivered twice sends one email. Every change is a create-only insert or an ETag-conditional update.
/// <para>
/// The trade-off is at-least-once: if an attempt crashes after the provider accepted the email but before the row says
/// <c>sent</c>, the row stays <c>sending</c>; once its lease has passed, a later attempt takes it over and sends again.
/// Within the lease a second attempt does not send (it throws <see cref="DeliveryInProgressException"/>, and the queue retries later).
/// A claim that takes over from such an attempt says so (<see cref="DeliveryRecord.MayHaveBeenSent"/>), and the sender asks the
/// transport first: when the provider already has the email, the row is recreated from its answer (its id) and nothing is sent.
/// </para>
/// <para>
/// A message parked in <c>emails-poison</c> is recorded here too (<see cref="RecordParkedAsync"/>), so that the digest can tell
/// its reader that an alert is waiting to be retried, or parked for good.
/// </para>
/// </summary>
public sealed class DeliveryLedger(StorageClients storage, TimeProvider clock)
{
    private readonly TableClient _table = storage.Deliveries;

    public async Task<DeliveryRecord?> FindAsync(string subscriberId, string messageKey, CancellationToken ct = default)
    {
        var response = await _table.GetEntityIfExistsAsync<DeliveryRecord>(subscriberId, DeliveryKeys.Encode(messageKey), cancellationToken: ct);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>
    /// Claims the delivery for this attempt: creates the row as <c>sending</c>, or takes over a <c>retrying</c> row or a
    /// <c>sending</c> row whose claim is older than <paramref name="lease"/>. Returns null when the delivery is already final;
    /// throws <see cref="DeliveryInProgressException"/> when another attempt holds a live claim.
    /// </summary>
    public async Task<DeliveryRecord?> ClaimAsync(string subscriberId, string messageKey, string kind, TimeSpan lease, CancellationToken ct = default)
    {
        while (true)
        {
            var now = clock.GetUtcNow();
            var existing = await FindAsync(subscriberId, messageKey, ct);
            if (existing is null)
            {
                var row = NewRow(subscriberId, messageKey, kind, DeliveryStates.Sending, now);
                row.Attempts = 1;
                try
                {
                    var added = await _table.AddEntityAsync(row, ct);
                    row.ETag = added.Headers.ETag ?? row.ETag;
                    return row;
                }
                catch (RequestFailedException e) when (e.Status == 409) { continue; }
            }
            if (DeliveryStates.IsFinal(existing.State)) return null;
            if (existing.State == DeliveryStates.Sending && now - existing.ClaimedAt < lease)
                throw new DeliveryInProgressException(messageKey, existing.ClaimedAt + lease);

            // An attempt that died after claiming, or failed without a status (a network error, a lost reply), may have been accepted.
            existing.MayHaveBeenSent = existing.State == DeliveryStates.Sending || (existing.Attempts > 0 && existing.FailureStatus is null);
            existing.State = DeliveryStates.Sending;
            existing.Attempts++;
            existing.ClaimedAt = now;
            if (await TryReplaceAsync(existing, ct)) return existing;
        }
    }

    /// <param name="detail">Null for a send made now; what the transport said when it already had the email (a recovered row).</param>
    public Task MarkSentAsync(DeliveryRecord claim, string transport, string? reference, CancellationToken ct = default, string? detail = null) =>
        FinishAsync(claim, row =>
        {
            row.State = DeliveryStates.Sent;
            row.SentAt = clock.GetUtcNow();
            row.Transport = transport;
            row.Reference = reference;
            row.Detail = detail;
        }, ct);

    public Task MarkFailedPermanentlyAsync(DeliveryRecord claim, string transport, int status, string detail, CancellationToken ct = default) =>
        FinishAsync(claim, row =>
        {
            row.State = DeliveryStates.FailedPermanently;
            row.Transport = transport;
            row.FailureStatus = status;
            row.Detail = detail;
        }, ct);

    /// <summary>Lets the next attempt claim the row at once (after a 429, a 5xx or a network error).</summary>
    public async Task ReleaseForRetryAsync(DeliveryRecord claim, int? status, string detail, CancellationToken ct = default)
    {
        claim.State = DeliveryStates.Retrying;
        claim.FailureStatus = status;
        claim.Detail = detail;
        await TryReplaceAsync(claim, ct);
    }

    /// <summary>Records a delivery that ends without sending (suppressed, skipped); an existing row is left as it is.</summary>
    public async Task RecordUnsentAsync(string subscriberId, string messageKey, string kind, string state, string detail, CancellationToken ct = default)
    {
        var row = new DeliveryRecord
        {
            PartitionKey = subscriberId,
            RowKey = DeliveryKeys.Encode(messageKey),
            MessageKey = messageKey,
            Kind = kind,
            State = state,
            ClaimedAt = clock.GetUtcNow(),
            Detail = detail,
        };
        await _table.TryAddAsync(row, ct); // an existing row is the record already made
    }

    /// <summary>
    /// Records that the email's message is parked in <c>emails-poison</c>: a missing row is created, a row awaiting a retry (or a
    /// <c>sending</c> row past <paramref name="lease"/>) is marked; a final row, or one being sent now, is left as it is.
    /// </summary>
    /// <param name="forGood">True when the message had every re-drive it gets.</param>
    public async Task RecordParkedAsync(string subscriberId, string messageKey, string kind, bool forGood, TimeSpan lease, string detail, CancellationToken ct = default)
    {
        var state = forGood ? DeliveryStates.ParkedForGood : DeliveryStates.Parked;
        for (var tries = 0; tries < 3; tries++)
        {
            var existing = await FindAsync(subscriberId, messageKey, ct);
            if (existing is null)
            {
                var row = NewRow(subscriberId, messageKey, kind, state, clock.GetUtcNow());
                row.Detail = detail;
                if (await _table.TryAddAsync(row, ct)) return;
                continue;
            }
            var sendingNow = existing.State == DeliveryStates.Sending && clock.GetUtcNow() - existing.ClaimedAt < lease;
            if (DeliveryStates.IsFinal(existing.State) || sendingNow || existing.State == state) return;
            existing.State = state;
            existing.Detail = detail;
            if (await TryReplaceAsync(existing, ct)) return;
        }
    }

    /// <summary>The row of a delivery the ledger has not seen yet: keyed by subscriber and message key, in <paramref name="state"/> since <paramref name="at"/>.</summary>
    private static DeliveryRecord NewRow(string subscriberId, string messageKey, string kind, string state, DateTimeOffset at) => new()
    {
        PartitionKey = subscriberId,
        RowKey = DeliveryKeys.Encode(messageKey),
        MessageKey = messageKey,
        Kind = kind,
        State = state,
        ClaimedAt = at,
    };

    /// <summary>This subscriber's emails of <paramref name="kinds"/> not sent after failed attempts: still to be retried, and parked for good.</summary>
    public async Task<(int AwaitingRetry, int ParkedForGood)> UnsentAsync(string subscriberId, IReadOnlyCollection<string> kinds, CancellationToken ct = default)
    {
        var (awaiting, forGood) = (0, 0);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {subscriberId} and (State eq {DeliveryStates.Retrying} or State eq {DeliveryStates.Parked} or State eq {DeliveryStates.ParkedForGood})");
        await foreach (var row in _table.QueryAsync<DeliveryRecord>(filter, cancellationToken: ct))
        {
            if (!kinds.Contains(row.Kind)) continue;
            if (row.State == DeliveryStates.ParkedForGood) forGood++;
            else awaiting++;
        }
        return (awaiting, forGood);
    }

    /// <summary>Applies a final state. If another attempt took the row over meanwhile, the outcome of this attempt still wins unless the row is already final.</summary>
    private async Task FinishAsync(DeliveryRecord claim, Action<DeliveryRecord> finish, CancellationToken ct)
    {
        var row = claim;
        while (true)
        {
            finish(row);
            if (await TryReplaceAsync(row, ct)) return;
            var latest = await FindAsync(claim.PartitionKey, claim.MessageKey, ct);
            if (latest is null || DeliveryStates.IsFinal(latest.State)) return;
            row = latest;
        }
    }

    private async Task<bool> TryReplaceAsync(DeliveryRecord row, CancellationToken ct)
    {
        try
        {
            var response = await _table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, ct);
            row.ETag = response.Headers.ETag ?? row.ETag;
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }
}

/// <summary>Another attempt claimed this delivery recently and may be sending it now; retry after its lease.</summary>
internal sealed class DeliveryInProgressException(string messageKey, DateTimeOffset leaseEnds)
    : Exception($"delivery {messageKey} is being sent by another attempt; it may be taken over after {leaseEnds:u}")
{
    public DateTimeOffset LeaseEnds { get; } = leaseEnds;
}
