using Microsoft.Extensions.Options;
using Snapshots.Archive;
using Snapshots.Fetching;
using Snapshots.Catalog;

namespace Snapshots.Tracking;

/// <summary>
/// Folds flips between page variants: when a check's text equals (by SHA-256) a text the document was served within
/// <see cref="CaptureOptions.VariantWindow"/>, it is a return to a known variant, not a change. It records a
/// <see cref="VariantObservation"/> (the time seen, pointing at the version's existing text blob; no new blob, no
/// version row, no change notice) and marks the document as serving that text, so that the variant staying is
/// "unchanged" and the next flip is another observation. The hash chain is untouched: versions stay the only links.
/// </summary>
public sealed class VariantObserver(VersionLedger ledger, ObservationLog observations, DocumentCatalog catalog, IOptions<CaptureOptions> options)
{
    /// <summary>The observation when <paramref name="candidate"/> returns to a known variant (recorded now, or already for this capture time); null when it is a new text.</summary>
    /// <param name="alsoOnDocument">Further changes to the document row in the same write (the check's validators, "last checked").</param>
    public async Task<VariantObservation?> TryObserveAsync(DocumentRecord document, VersionCandidate candidate, CancellationToken ct = default,
        Action<DocumentRecord>? alsoOnDocument = null, bool dryRun = false)
    {
        if (document.VersionCount == 0 || options.Value.VariantWindow <= TimeSpan.Zero) return null;
        var versions = await ledger.ListAsync(document.Id, ct);
        // The ledger ahead of the document row (a crash or a failed write after the insert): the recorder repairs the row first.
        if (versions.Count == 0 || versions[^1].Sequence != document.VersionCount) return null;
        var observation = Match(versions, await observations.ListAsync(document.Id, ct), candidate);
        if (observation is null || dryRun) return observation;
        var latest = versions[^1];
        var match = versions.First(v => v.Sequence == observation.Sequence);
        await observations.TryAddAsync(observation, ct);
        await catalog.UpdateAsync(document.Id, d =>
        {
            if (d.VersionCount != latest.Sequence) return false; // a version was recorded meanwhile: it is what is served
            var isCurrent = match.Sequence == d.VersionCount;
            d.ServedSha256 = isCurrent ? null : match.TextSha256;
            d.ServedSequence = isCurrent ? null : match.Sequence;
            d.ChromeEquivalentSha256 = null;
            if (d.LastCheckedAt is null || d.LastCheckedAt < observation.CapturedAt) d.LastCheckedAt = observation.CapturedAt;
            d.ConsecutiveFailures = 0;
            d.LastError = null;
            d.FailingSince = null;
            alsoOnDocument?.Invoke(d);
            return true;
        }, ct, document);
        return observation;
    }

    /// <summary>
    /// The decision alone, on versions and observations in hand (a dry-run import passes the ones it would record): the
    /// observation <paramref name="candidate"/> would be, or null when it is a new text. The latest version's text coming
    /// back is always a return, whenever it was last served; any other version's only within the window.
    /// </summary>
    public VariantObservation? Match(IReadOnlyList<VersionRecord> versions, IReadOnlyList<VariantObservation> seen, VersionCandidate candidate)
    {
        if (versions.Count == 0 || options.Value.VariantWindow <= TimeSpan.Zero) return null;
        var latest = versions[^1];
        var match = candidate.TextSha256 == latest.TextSha256
            ? latest
            : new VariantTimeline(versions, seen).KnownVariant(candidate.TextSha256, candidate.CapturedAt, options.Value.VariantWindow);
        return match is null ? null : VariantObservation.Of(candidate.Document, match, latest, candidate.CapturedAt, candidate.RawSha256, candidate.Origin);
    }
}
