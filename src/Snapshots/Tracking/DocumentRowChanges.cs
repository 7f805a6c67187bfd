using Snapshots.Archive;
using Snapshots.Catalog;

namespace Snapshots.Tracking;

/// <summary>
/// Every change a check makes to a document row, in one place. Each is a pure change of the row in hand (applied by
/// <see cref="DocumentCatalog.UpdateAsync"/>, again after an ETag conflict), returning false when the row needs no write.
/// A good check (verified, returned to a variant, new version) clears the failure state; only a failed check sets it.
/// </summary>
internal static class DocumentRowChanges
{
    /// <summary>
    /// What a live check fetched, as the row keeps it for the next check: the raw hash (null: keep the row's), the last page's
    /// validators (kept as they are after a 304), and whether the fetch was the one that settles missing raw blobs
    /// (<see cref="DocumentRecord.MissingRawSha256"/>: asked once, restored or not).
    /// </summary>
    /// <param name="RenderInputs">A single rendered page's inputs as the row keeps them (<see cref="DocumentRecord.RenderInputsJson"/>): replaced
    /// by every fetch, null when the page is not rendered or its render cannot be revalidated.</param>
    internal sealed record Fetched(string? RawSha256, string? ETag, string? LastModified, bool NotModified, bool SettlesMissingRaw, string? RenderInputs = null)
    {
        public void ApplyTo(DocumentRecord d, DateTimeOffset attemptedAt)
        {
            d.LastAttemptAt = attemptedAt;
            d.LastRawSha256 = RawSha256 ?? d.LastRawSha256;
            ApplyValidatorsTo(d);
        }

        public void ApplyValidatorsTo(DocumentRecord d)
        {
            if (SettlesMissingRaw) d.MissingRawSha256 = null;
            d.RenderInputsJson = RenderInputs;
            if (NotModified) return;
            d.LastETag = ETag;
            d.LastModifiedHeader = LastModified;
        }
    }

    /// <summary>
    /// The served text was verified (same raw bytes, 304, same text, a text diff shows no change from, or chrome only): "last
    /// checked", the fetch's validators, and the declaration it was extracted with (after a change of declaration that left the
    /// text as it was); a text found equivalent to the served one is remembered (<see cref="DocumentRecord.ChromeEquivalentSha256"/>).
    /// </summary>
    public static Func<DocumentRecord, bool> Verified(DateTimeOffset checkedAt, Fetched fetched, string declarationSha256, string? equivalentSha256 = null) => d =>
    {
        d.LastCheckedAt = checkedAt;
        d.CurrentDeclarationSha256 = declarationSha256;
        fetched.ApplyTo(d, checkedAt);
        if (equivalentSha256 is not null) d.ChromeEquivalentSha256 = equivalentSha256;
        ClearFailures(d);
        return true;
    };

    /// <summary>The check failed: counted, with its (already bounded) reason; nothing about the versions changes.</summary>
    /// <param name="fetched">The pages, when they were fetched and extraction failed: only settles missing raw blobs.</param>
    public static Func<DocumentRecord, bool> Failed(DateTimeOffset attemptedAt, string error, Fetched? fetched = null) => d =>
    {
        d.LastAttemptAt = attemptedAt;
        d.ConsecutiveFailures++;
        d.LastError = error;
        d.FailingSince ??= attemptedAt;
        if (fetched is { SettlesMissingRaw: true }) d.MissingRawSha256 = null;
        return true;
    };

    /// <summary>
    /// The page came back to a known variant (<paramref name="observation"/>): it now serves that version's text (null when it
    /// is the current version's). No write when a version was recorded meanwhile: that version is what is served.
    /// </summary>
    /// <param name="fetched">The live check's pages; null for a history import (the row's validators are today's, not the capture's).</param>
    public static Func<DocumentRecord, bool> Observed(VariantObservation observation, Fetched? fetched) => d =>
    {
        if (d.VersionCount != observation.AnchorSequence) return false;
        var isCurrent = observation.Sequence == d.VersionCount;
        d.ServedSha256 = isCurrent ? null : observation.TextSha256;
        d.ServedSequence = isCurrent ? null : observation.Sequence;
        d.ChromeEquivalentSha256 = null;
        if (d.LastCheckedAt is null || d.LastCheckedAt < observation.CapturedAt) d.LastCheckedAt = observation.CapturedAt;
        fetched?.ApplyTo(d, observation.CapturedAt);
        ClearFailures(d);
        return true;
    };

    /// <summary>
    /// The row points at <paramref name="version"/> (just recorded, or found recorded by another writer): its text is current and
    /// served, its notice is owed when the version row says so. A row already at or past it only takes the owed notice.
    /// </summary>
    /// <param name="fetched">The live check's pages; null for a history import or a repair.</param>
    public static Func<DocumentRecord, bool> PointedAt(VersionRecord version, Fetched? fetched = null) => d =>
    {
        if (d.VersionCount >= version.Sequence)
        {
            var owed = version.NoticeSent == false && !(d.NoticePendingSequence <= version.Sequence);
            var settles = fetched is { SettlesMissingRaw: true } && d.MissingRawSha256 is not null;
            if (owed) d.NoticePendingSequence = version.Sequence;
            if (settles) d.MissingRawSha256 = null;
            return owed || settles;
        }
        if (version.NoticeSent == false) d.NoticePendingSequence ??= version.Sequence;
        fetched?.ApplyValidatorsTo(d);
        d.VersionCount = version.Sequence;
        d.CurrentSha256 = version.TextSha256;
        d.ServedSha256 = null;
        d.ServedSequence = null;
        d.ChromeEquivalentSha256 = null;
        d.CurrentChainHash = version.ChainHash;
        d.CurrentDeclarationSha256 = version.DeclarationSha256;
        d.LastRawSha256 = version.RawSha256;
        d.LastChangedAt = version.CapturedAt;
        if (d.LastCheckedAt is null || d.LastCheckedAt < version.CapturedAt) d.LastCheckedAt = version.CapturedAt;
        // Recording a version is a check of the document: it is not due again until its interval has passed (issue 14, item 16).
        if (d.LastAttemptAt is null || d.LastAttemptAt < version.CapturedAt) d.LastAttemptAt = version.CapturedAt;
        ClearFailures(d);
        return true;
    };

    private static void ClearFailures(DocumentRecord d)
    {
        d.ConsecutiveFailures = 0;
        d.LastError = null;
        d.FailingSince = null;
    }
}
