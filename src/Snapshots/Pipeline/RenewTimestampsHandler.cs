using Microsoft.Extensions.Logging;
using Snapshots.Archive;

namespace Snapshots.Pipeline;

/// <summary>What one renewal pass did.</summary>
public sealed record RenewalReport(int Versions, int Renewed, int Unavailable);

/// <summary>
/// Timer RENEW_SCHEDULE (daily by default): every timestamped version whose newest tokens' certificates expire within
/// Evidence:RenewalMargin is stamped again (<see cref="TimestampRenewer"/>). A version that fails is logged and left for the
/// next pass; the others go on.
/// </summary>
public sealed class RenewTimestampsHandler(VersionLedger ledger, TimestampRenewer renewer, ILogger<RenewTimestampsHandler> log)
{
    public async Task<RenewalReport> RunAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        int versions = 0, renewed = 0, unavailable = 0;
        foreach (var document in await ledger.ListDocumentsAsync(ct))
            foreach (var version in await ledger.ListAsync(document, ct))
            {
                if (!version.IsTimestamped) continue;
                versions++;
                try
                {
                    var outcome = await renewer.RenewIfDueAsync(version, now, ct);
                    if (outcome.Status == RenewalStatus.Renewed) renewed++;
                    else if (outcome.Status == RenewalStatus.Unavailable) unavailable++;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    unavailable++;
                    log.LogError(e, "Could not renew the timestamps of {Document} version {Sequence}; the next pass tries again", document, version.Sequence);
                }
            }
        if (renewed + unavailable > 0)
            log.LogInformation("Timestamp renewal: {Renewed} of {Versions} timestamped versions renewed, {Unavailable} due and not renewed", renewed, versions, unavailable);
        return new RenewalReport(versions, renewed, unavailable);
    }
}
