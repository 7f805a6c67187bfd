using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Messaging;
using Snapshots.Storage;

namespace Snapshots.Pipeline;

public enum WaybackStatus
{
    /// <summary>The capture finished: its Wayback URL, time and digest (where given) are on the version row.</summary>
    Recorded,
    /// <summary>The row already records a Wayback copy: nothing was asked.</summary>
    AlreadyRecorded,
    /// <summary>The capture was submitted; its status is polled through the queue.</summary>
    Submitted,
    /// <summary>The capture is still running; looked at again later.</summary>
    Pending,
    /// <summary>No turn within Wayback:RequestsPerMinute, or the API said 429/5xx: queued again after the wait.</summary>
    Deferred,
    /// <summary>Off, failed for good, or given up after the allowed attempts or polls; logged.</summary>
    GivenUp,
}

public sealed record WaybackOutcome(WaybackStatus Status, string Detail);

/// <summary>
/// Queue "wayback": one Save Page Now capture of a new live version's source page (<see cref="WaybackClient"/>). Submissions
/// take a turn within Wayback:RequestsPerMinute (<see cref="WaybackRateLimit"/>); a 429 or 5xx puts the request back after its
/// Retry-After (or a doubling backoff); a submitted job is polled through the queue every Wayback:PollInterval; a finished
/// capture's Wayback URL, time and digest go on the version row (not on the chain). A failed job is logged with its reason.
/// </summary>
public sealed class SaveToWaybackHandler(VersionLedger ledger, WaybackClient client, WaybackQueue queue, WaybackRateLimit limit, IOptions<WaybackOptions> options,
    TimeProvider clock, ILogger<SaveToWaybackHandler> log)
{
    public async Task<WaybackOutcome> HandleAsync(string message, CancellationToken ct = default)
    {
        var request = QueueMessageCodec.Decode<WaybackRequest>(QueueNames.Wayback, message, WaybackRequest.CurrentVersion);
        if (!DocumentId.TryParse(request.DocumentId, out var document))
            throw new MalformedMessageException(QueueNames.Wayback, $"'{request.DocumentId}' is not a document id");
        if (request.Sequence < 1)
            throw new MalformedMessageException(QueueNames.Wayback, $"version {request.Sequence} of {request.DocumentId} is not a version number");
        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            throw new MalformedMessageException(QueueNames.Wayback, $"the WaybackRequest for {request.DocumentId} version {request.Sequence} has no http(s) URL");
        var version = await ledger.FindAsync(document, request.Sequence, ct)
            ?? throw new MalformedMessageException(QueueNames.Wayback, $"{request.DocumentId} has no version {request.Sequence}");
        if (version.WaybackUrl is not null) return new WaybackOutcome(WaybackStatus.AlreadyRecorded, version.WaybackUrl);
        var settings = options.Value;
        if (!settings.IsOn) return GiveUp(request, "Wayback is off (Wayback:Enabled, AccessKey, SecretKey)");
        var where = $"{request.DocumentId} version {request.Sequence}";

        if (request.JobId is null)
        {
            if (!limit.TryTake(clock.GetUtcNow(), out var wait))
                return await AgainAsync(request, wait, WaybackStatus.Deferred, $"no turn within {settings.RequestsPerMinute} captures a minute", ct);
            switch (await client.SubmitAsync(request.Url, ct))
            {
                case WaybackAnswer.Submitted submitted:
                    log.LogInformation("Wayback capture of {Url} for {Where} submitted as job {Job}", request.Url, where, submitted.JobId);
                    return await AgainAsync(request with { JobId = submitted.JobId, Polls = 0 }, settings.PollInterval, WaybackStatus.Submitted, submitted.JobId, ct);
                case WaybackAnswer.TryLater later:
                    return await BackOffAsync(request, later, ct);
                case WaybackAnswer.Failed failed:
                    return GiveUp(request, $"the capture was refused: {failed.Reason}");
                default:
                    return GiveUp(request, "an unexpected answer to the submission");
            }
        }

        switch (await client.StatusAsync(request.JobId, ct))
        {
            case WaybackAnswer.Captured captured:
                var replay = client.ReplayUrl(captured.Timestamp, captured.OriginalUrl);
                await ledger.RecordWaybackAsync(version, replay, WaybackClient.TimeOf(captured.Timestamp), captured.Digest, ct);
                log.LogInformation("Wayback copy of {Where}: {Replay}", where, replay);
                return new WaybackOutcome(WaybackStatus.Recorded, replay);
            case WaybackAnswer.Pending:
                if (request.Polls + 1 >= settings.MaxPolls) return GiveUp(request, $"job {request.JobId} still pending after {request.Polls + 1} looks");
                return await AgainAsync(request with { Polls = request.Polls + 1 }, settings.PollInterval, WaybackStatus.Pending, request.JobId, ct);
            case WaybackAnswer.TryLater later:
                return await BackOffAsync(request, later, ct);
            case WaybackAnswer.Failed failed:
                return GiveUp(request, $"job {request.JobId} failed: {failed.Reason}");
            default:
                return GiveUp(request, "an unexpected answer to the status");
        }
    }

    private async Task<WaybackOutcome> BackOffAsync(WaybackRequest request, WaybackAnswer.TryLater later, CancellationToken ct)
    {
        var settings = options.Value;
        if (request.Attempt + 1 >= settings.MaxAttempts) return GiveUp(request, $"{later.Reason} after {request.Attempt + 1} attempts");
        var wait = later.Wait is { } asked && asked > TimeSpan.Zero ? asked : settings.DelayAfter(request.Attempt);
        return await AgainAsync(request with { Attempt = request.Attempt + 1 }, wait, WaybackStatus.Deferred, later.Reason, ct);
    }

    private async Task<WaybackOutcome> AgainAsync(WaybackRequest request, TimeSpan wait, WaybackStatus status, string detail, CancellationToken ct)
    {
        // Queue visibility delays are whole seconds; a shorter one would hand the request straight back.
        var delay = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(wait.TotalSeconds)));
        await queue.SendAsync(request, delay, ct);
        if (status == WaybackStatus.Deferred)
            log.LogWarning("Wayback capture of {Document} version {Sequence} deferred by {Delay}: {Detail}", request.DocumentId, request.Sequence, delay, detail);
        return new WaybackOutcome(status, $"{detail}; again in {delay}");
    }

    private WaybackOutcome GiveUp(WaybackRequest request, string why)
    {
        log.LogError("No Wayback copy of {Document} version {Sequence} ({Url}): {Reason}", request.DocumentId, request.Sequence, request.Url, why);
        return new WaybackOutcome(WaybackStatus.GivenUp, why);
    }
}
