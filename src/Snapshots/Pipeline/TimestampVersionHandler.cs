using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Messaging;
using Snapshots.Storage;

namespace Snapshots.Pipeline;

/// <summary>
/// Queue "timestamps": one RFC 3161 token per recorded version (see <see cref="VersionTimestamper"/>). When no authority
/// gives a valid token, the request is queued again after a growing delay (Evidence:RetryBaseDelay, doubled each time); after
/// Evidence:MaxAttempts it throws, so the queue's own retries and poison queue take over.
/// </summary>
public sealed class TimestampVersionHandler(VersionTimestamper timestamper, TimestampQueue queue, IOptions<EvidenceOptions> options, ILogger<TimestampVersionHandler> log)
{
    public async Task<TimestampOutcome> HandleAsync(string message, CancellationToken ct = default)
    {
        var request = QueueMessageCodec.Decode<TimestampRequest>(QueueNames.Timestamps, message, TimestampRequest.CurrentVersion);
        if (!DocumentId.TryParse(request.DocumentId, out var document))
            throw new MalformedMessageException(QueueNames.Timestamps, $"'{request.DocumentId}' is not a document id");
        if (request.Sequence < 1)
            throw new MalformedMessageException(QueueNames.Timestamps, $"version {request.Sequence} of {request.DocumentId} is not a version number");
        if (request.ChainHash is not { Length: 64 } || !request.ChainHash.All(char.IsAsciiHexDigitLower))
            throw new MalformedMessageException(QueueNames.Timestamps, $"the TimestampRequest for {request.DocumentId} version {request.Sequence} has no SHA-256 chain hash");

        TimestampOutcome outcome;
        try
        {
            outcome = await timestamper.TimestampAsync(document, request.Sequence, request.ChainHash, ct);
        }
        catch (UnknownVersionException e)
        {
            throw new MalformedMessageException(QueueNames.Timestamps, e.Message, e);
        }
        if (outcome.Status == TimestampStatus.Refused)
            throw new MalformedMessageException(QueueNames.Timestamps, $"{request.DocumentId} version {request.Sequence}: {outcome.Detail}");
        if (outcome.Status != TimestampStatus.Unavailable) return outcome;

        var settings = options.Value;
        if (request.Attempt + 1 >= settings.MaxAttempts)
            throw new TimestampUnavailableException($"{request.DocumentId} version {request.Sequence}: no timestamp after {request.Attempt + 1} attempts: {outcome.Detail}");
        var delay = settings.DelayAfter(request.Attempt);
        var version = new VersionRecord { PartitionKey = document.VersionsPartitionKey, Sequence = request.Sequence, ChainHash = request.ChainHash };
        await queue.RequestAsync(version, ct, request.Attempt + 1, delay);
        log.LogWarning("No timestamp for {Document} version {Sequence} (attempt {Attempt}): {Failures}; asking again in {Delay}",
            request.DocumentId, request.Sequence, request.Attempt + 1, outcome.Detail, delay);
        return outcome;
    }
}

/// <summary>No authority gave a valid token in any of the allowed attempts; the queue retries, then poisons the message.</summary>
internal sealed class TimestampUnavailableException(string message) : Exception(message);
