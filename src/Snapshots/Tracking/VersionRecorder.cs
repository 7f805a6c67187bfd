using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Changes;
using Snapshots.Ledger;


namespace Snapshots.Tracking;

/// <summary>
/// Records a new version: create-only blobs, then the next ledger row, then the document row (ETag), in that order,
/// so that a crash or a duplicate delivery at any point leaves at most one version per distinct text.
/// </summary>
public sealed class VersionRecorder(SnapshotArchive archive, VersionLedger ledger, DocumentCatalog catalog, ChangeStatistics statistics, TimestampQueue timestamps, WaybackQueue wayback,
    TopicClassifier topics, LogAppender transparencyLog)
{
    /// <param name="current">The document row the caller already read (saves a read; a stale one is detected by its ETag or sequence).</param>
    /// <param name="fetched">What the live check fetched, kept on the document row in the same write (validators); null for an import.</param>
    internal async Task<RecordOutcome> RecordAsync(VersionCandidate candidate, CancellationToken ct = default,
        DocumentRecord? current = null, DocumentRowChanges.Fetched? fetched = null)
    {
        var id = candidate.Document;
        // Every WARC capture is built and checked against its source before anything is written: one that does not hold what
        // the version records is refused (WarcRefusedException) and nothing of the version is stored.
        var warcs = candidate.Sources.Select(s => s.Exchange is null ? null : CaptureWarc.Build(id, s, HashChain.Truncate(candidate.CapturedAt))).ToList();
        var rawSources = new List<RawSource>();
        var writtenWarcs = new List<string>();
        for (var i = 0; i < candidate.Sources.Count; i++)
        {
            var source = candidate.Sources[i];
            var blob = SnapshotArchive.BlobName(id, source.Sha256, source.Extension);
            await archive.WriteOnceAsync(blob, source.Body, source.MediaType, ct);
            string? warcSha = null, warcBlob = null;
            if (warcs[i] is { } warc)
            {
                warcSha = Snapshots.Text.Sha256Hex.Of(warc);
                warcBlob = SnapshotArchive.BlobName(id, warcSha, CaptureWarc.Extension);
                if (await archive.WriteOnceAsync(warcBlob, warc, CaptureWarc.ContentType, ct)) writtenWarcs.Add(warcBlob);
            }
            rawSources.Add(new RawSource(source.Url, source.FinalUrl, source.MediaType, source.Sha256, blob, warcSha, warcBlob));
        }
        var textBlob = SnapshotArchive.TextBlobName(id, candidate.TextSha256);
        await archive.WriteOnceAsync(textBlob, System.Text.Encoding.UTF8.GetBytes(candidate.Text), "text/markdown; charset=utf-8", ct);

        for (var attempt = 1; ; attempt++)
        {
            var document = attempt == 1 && current is not null ? current.Copy() : await catalog.GetAsync(id, ct);
            if (document.CurrentSha256 == candidate.TextSha256)
            {
                if (writtenWarcs.Count > 0)
                    await DropUnreferencedAsync(writtenWarcs, document.VersionCount > 0 ? await ledger.GetAsync(id, document.VersionCount, ct) : null, ct);
                return new RecordOutcome(RecordResult.AlreadyCurrent, null);
            }

            var sequence = document.VersionCount + 1;
            var previousChain = document.CurrentChainHash ?? HashChain.Genesis;
            var capturedAt = HashChain.Truncate(candidate.CapturedAt);
            // Compared with the text the page served last: the current version's, or a known variant it came back to.
            var comparedWith = document.ServedSha256 ?? document.CurrentSha256;
            var previousText = comparedWith is null ? null : await TextAsync(document.Id, comparedWith, ct);
            var stats = statistics.Compare(previousText, candidate.Text);
            var severity = ChangeSeverity.Rate(stats.Summary, topics.Catalog);
            var version = new VersionRecord
            {
                PartitionKey = id.VersionsPartitionKey,
                RowKey = VersionRecord.RowKeyOf(sequence),
                Sequence = sequence,
                CapturedAt = capturedAt,
                TextSha256 = candidate.TextSha256,
                RawSha256 = candidate.RawSha256,
                TextBlob = textBlob,
                RawSourcesJson = RawSourceJson.Write(rawSources),
                PreviousTextSha256 = document.CurrentSha256,
                ComparedWithSha256 = comparedWith == document.CurrentSha256 ? null : comparedWith,
                PreviousChainHash = previousChain,
                ChainFormat = HashChain.CurrentFormat,
                TimestampRequested = timestamps.Enabled,
                DeclarationSha256 = candidate.DeclarationSha256,
                Origin = candidate.Origin,
                WordsAdded = stats.WordsAdded,
                WordsRemoved = stats.WordsRemoved,
                TextLength = candidate.Text.Length,
                SummaryJson = stats.SummaryJson,
                Severity = severity.Label,
                SeverityReason = severity.Reason,
                // The outbox: a live change owes a change notice until the announcer has put it on the queue. A first version
                // is the start of tracking, not a change (no alert is raised for it), so it owes none: no claim, queue message
                // or marks, half the storage requests of a first check.
                NoticeSent = candidate.Origin == "live" && comparedWith is not null ? false : null,
            };
            // Every evidence field is set: the link covers them all, the WARC captures' digests included (format 3, see HashChain).
            version.ChainHash = HashChain.Of(version)!;

            if (await ledger.TryAppendAsync(version, ct))
            {
                // Owed a leaf of the transparency log when the document points at it: the pending entry and the document row are one
                // transaction (one request). A crash before it is redone by the branch below.
                var pointed = await PointDocumentAtAsync(version, ct, document, fetched, withLogEntry: true);
                await timestamps.TryRequestAsync(version, ct);
                await wayback.TryRequestAsync(version, ct);
                return new RecordOutcome(RecordResult.Recorded, version, pointed, comparedWith == document.CurrentSha256 ? previousText : null);
            }

            // Someone already wrote this sequence number: a duplicate delivery, a concurrent capture, or a crash before the
            // document row was updated. Bring the document row up to the ledger, then decide again.
            // The version may be this very call's own insert whose reply was lost: its notice is still owed (see NoticeSent).
            var existing = await ledger.GetAsync(id, sequence, ct);
            await transparencyLog.AddVersionAsync(existing, ct);
            var caughtUp = await PointDocumentAtAsync(existing, ct);
            if (existing.TextSha256 == candidate.TextSha256)
            {
                // The writer may have stopped before queuing its timestamp request; a second request is harmless (idempotent).
                await timestamps.TryRequestAsync(existing, ct);
                await DropUnreferencedAsync(writtenWarcs, existing, ct);
                return new RecordOutcome(RecordResult.RecordedConcurrently, existing, caughtUp);
            }
        }
    }

    /// <summary>
    /// The WARC captures this call wrote for a version another capture had already recorded: the recorded version keeps its
    /// own, and these would be blobs of no version (which <c>verify</c> rightly names).
    /// </summary>
    private async Task DropUnreferencedAsync(IReadOnlyList<string> written, VersionRecord? recorded, CancellationToken ct)
    {
        var kept = recorded?.RawSources().Select(s => s.WarcBlob).OfType<string>().ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (var blob in written.Where(b => !kept.Contains(b))) await archive.DropUnreferencedAsync(blob, ct);
    }

    /// <summary>A recorded text: its blob name follows from its hash, so no ledger read is needed.</summary>
    private Task<string> TextAsync(DocumentId id, string sha256, CancellationToken ct) =>
        archive.ReadTextAsync(SnapshotArchive.TextBlobName(id, sha256), ct);

    /// <summary>Brings the document row up to the version when it is behind (also used by verify --repair).</summary>
    /// <param name="withLogEntry">Writes the version's pending transparency-log entry in the same transaction (one request).</param>
    internal Task<DocumentRecord> PointDocumentAtAsync(VersionRecord version, CancellationToken ct, DocumentRecord? current = null, DocumentRowChanges.Fetched? fetched = null,
        bool withLogEntry = false) =>
        catalog.UpdateAsync(version.Document, DocumentRowChanges.PointedAt(version, fetched), ct, current, withLogEntry ? LogAppender.ForVersion(version) : null);
}

internal enum RecordResult
{
    /// <summary>This call appended the version.</summary>
    Recorded,
    /// <summary>Another delivery or capture had already appended a version with this text.</summary>
    RecordedConcurrently,
    /// <summary>The document's current version already has this text.</summary>
    AlreadyCurrent,
}

/// <param name="Document">The document row as written (or found) after recording; null when <see cref="RecordResult.AlreadyCurrent"/>.</param>
/// <param name="PreviousVersionText">The text of the version before, when recording read it (to describe the change).</param>
internal sealed record RecordOutcome(RecordResult Result, VersionRecord? Version, DocumentRecord? Document = null, string? PreviousVersionText = null);
