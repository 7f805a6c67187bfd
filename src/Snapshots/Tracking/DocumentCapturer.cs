using Microsoft.Extensions.Logging;
using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Extraction;
using Snapshots.Fetching;
using Snapshots.Ledger;
using Snapshots.Provisions;
using Snapshots.Text;

namespace Snapshots.Tracking;

/// <summary>
/// One check of one document: gathers the facts <see cref="CheckDecision"/> asks for (pages, text, known variants, the texts
/// it is compared with, the platform's texts) and applies its outcome in one place: the one write of the document row (a new version's through
/// <see cref="VersionRecorder"/>, after its blobs and version row, then its provisions), the observation of a known variant, and the change
/// notices the document still owes (<see cref="ChangeAnnouncer"/>, the outbox), so a notice lost between recording a
/// version and announcing it goes out later. Failures, expected or not, are recorded on the document and never touch its versions.
/// </summary>
public sealed class DocumentCapturer(
    DocumentCatalog catalog,
    PageVersioner versioner,
    VersionLedger ledger,
    ObservationLog observations,
    SnapshotArchive archive,
    VersionRecorder recorder,
    ChangeAnnouncer announcer,
    RawBlobRestorer restorer,
    CheckDecision decision,
    PlatformTextsReader platform,
    ProvisionLedger provisions,
    TimeProvider clock,
    ILogger<DocumentCapturer> log)
{
    public async Task<CaptureOutcome> CaptureAsync(DocumentRecord document, FetchCycle fetches, CancellationToken ct = default)
    {
        try
        {
            var facts = new CheckFacts(document, clock.GetUtcNow(), document.DeclarationSha256, Live: true);
            var verdict = decision.Decide(facts);
            while (verdict is CheckVerdict.Need need)
            {
                facts = await GatherAsync(facts, need, fetches, ct);
                verdict = decision.Decide(facts);
            }
            return await ApplyAsync(facts, (CheckVerdict.Outcome)verdict, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Unexpected (a storage error, a regex timeout, a bug): still a failed check of this document, counted and shown.
            // If even recording it fails, that error escapes (the queue retries; the cycle reports it).
            log.LogError(e, "Check of {Document} failed unexpectedly", document.Id);
            var error = VisibleText.Bounded($"unexpected error ({e.GetType().Name}): {FirstLine(e.Message)}", CheckDecision.MaxErrorLength);
            var facts = new CheckFacts(document, clock.GetUtcNow(), document.DeclarationSha256, Live: true);
            return await ApplyAsync(facts, new CheckVerdict.Failed(error, DocumentRowChanges.Failed(facts.CheckedAt, error)), ct);
        }
    }

    /// <summary>The I/O behind each fact the decision asks for; an expected failure (fetch, extraction) is a fact too.</summary>
    private async Task<CheckFacts> GatherAsync(CheckFacts facts, CheckVerdict.Need need, FetchCycle fetches, CancellationToken ct)
    {
        var document = facts.Document;
        switch (need)
        {
            case CheckVerdict.NeedsPages pages:
                try
                {
                    facts = facts with { Pages = await DocumentPages.FetchAsync(document, pages.Validators, fetches, ct) };
                }
                catch (FetchException e)
                {
                    return facts with { FetchError = e.Message };
                }
                if (document.MissingRawSha256 is not null) await RestoreRawBlobsAsync(document, facts, ct);
                return facts;
            case CheckVerdict.NeedsText:
                try
                {
                    return facts with
                    {
                        Candidate = await versioner.CandidateAsync(document.Id, document.Declaration(), facts.DeclarationSha256, facts.Pages!, facts.CheckedAt, "live",
                            async token => document.VersionCount == 0 ? null : (await ledger.FindAsync(document.Id, document.VersionCount, token))?.TextLength, ct),
                    };
                }
                catch (ExtractionException e)
                {
                    return facts with { ExtractionError = e.Message };
                }
            case CheckVerdict.NeedsVariants:
                return facts with { Variants = new KnownVariants(await ledger.ListAsync(document.Id, ct), await observations.ListAsync(document.Id, ct)) };
            case CheckVerdict.NeedsTexts texts:
            {
                var read = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var sha in texts.Sha256s) read[sha] = await archive.ReadTextAsync(SnapshotArchive.TextBlobName(document.Id, sha), ct);
                return facts with { Texts = read };
            }
            case CheckVerdict.NeedsPlatform siblings:
                return facts with { Platform = await platform.ReadAsync(document, siblings.ServedSha256, facts.CheckedAt, fetches, ct) };
            default:
                throw new InvalidOperationException($"no way to gather {need}");
        }
    }

    /// <summary>The outcome's effects, in one place: observation or version first, then the document row, then what is owed.</summary>
    private async Task<CaptureOutcome> ApplyAsync(CheckFacts facts, CheckVerdict.Outcome outcome, CancellationToken ct)
    {
        var document = facts.Document;
        var id = document.Id;
        switch (outcome)
        {
            case CheckVerdict.Failed failed:
            {
                var row = await catalog.UpdateAsync(id, failed.Row, ct, document);
                log.LogWarning("Check of {Document} failed ({Failures} in a row): {Error}", id, row.ConsecutiveFailures, failed.Reason);
                await SendOwedQuietlyAsync(row, ct);
                return new CaptureOutcome(id, CaptureStatus.Failed, failed.Reason);
            }
            case CheckVerdict.Unchanged unchanged:
                return await VerifiedAsync(id, document, unchanged.Row, unchanged.Detail, facts.CheckedAt, ct);
            case CheckVerdict.ChromeOnly chrome:
                log.LogInformation("{Document}: {Chrome}; no version, no alert", id, chrome.Chrome.Describe());
                return await VerifiedAsync(id, document, chrome.Row, chrome.Chrome.Describe(), facts.CheckedAt, ct);
            case CheckVerdict.ReturnedToVariant variant:
            {
                var observation = variant.Observation;
                await observations.TryAddAsync(observation, ct);
                var row = await catalog.UpdateAsync(id, variant.Row, ct, document, LogAppender.ForCheck(facts.CheckedAt));
                log.LogInformation("{Document} returned to version {Sequence}, a known variant: observation kept, no version, no alert", id, observation.Sequence);
                // A notice still owed from an earlier version goes out as on any other check.
                await announcer.SendOwedAsync(row, ct);
                return new CaptureOutcome(id, CaptureStatus.Unchanged, $"returned to version {observation.Sequence} (a known variant: observed, no new version)",
                    document.VersionCount, observation.TextSha256);
            }
            case CheckVerdict.NewVersion created:
            {
                var recorded = await recorder.RecordAsync(created.Candidate, ct, document, created.Fetched);
                if (recorded.Result == RecordResult.AlreadyCurrent)
                    return await VerifiedAsync(id, null, DocumentRowChanges.Verified(facts.CheckedAt, created.Fetched!, facts.DeclarationSha256), "same text", facts.CheckedAt, ct);
                var version = recorded.Version!;
                if (recorded.Result == RecordResult.Recorded)
                    log.LogInformation("Recorded {Document} version {Sequence} ({TextSha256})", id, version.Sequence, version.TextSha256);
                await provisions.EnsureQuietlyAsync(id, version, created.Candidate.Text, recorded.PreviousVersionText, log, ct);
                // Recorded here or by a concurrent capture (or by this very check, when the reply to its insert was lost): either way the
                // notice goes out now if it is still owed.
                await announcer.SendOwedAsync(recorded.Document ?? await catalog.GetAsync(id, ct), ct, version);
                return new CaptureOutcome(id, version.Sequence == 1 ? CaptureStatus.First : CaptureStatus.Changed,
                    recorded.Result == RecordResult.Recorded ? $"version {version.Sequence}" : $"version {version.Sequence} (recorded by a concurrent capture)",
                    version.Sequence, version.TextSha256);
            }
            default:
                throw new InvalidOperationException($"no way to apply {outcome}");
        }
    }

    /// <summary>
    /// The served text was verified: one write of the row (the one in hand, or read again when <paramref name="current"/> is null),
    /// in one transaction with the check's pending leaf of the transparency log (document, time, text served).
    /// </summary>
    private async Task<CaptureOutcome> VerifiedAsync(DocumentId id, DocumentRecord? current, Func<DocumentRecord, bool> change, string detail, DateTimeOffset checkedAt, CancellationToken ct)
    {
        var row = await catalog.UpdateAsync(id, change, ct, current, LogAppender.ForCheck(checkedAt));
        await announcer.SendOwedAsync(row, ct);
        return new CaptureOutcome(row.Id, CaptureStatus.Unchanged, detail, row.VersionCount, row.CurrentSha256);
    }

    /// <summary>
    /// The current version's raw blobs were found missing (see <see cref="DocumentRecord.MissingRawSha256"/>): this check
    /// fetched without validators; restore them if the page still serves the same bytes. The row stops asking either way
    /// (the outcome's row change settles it; bytes that differ leave the blob missing, and verify names it).
    /// </summary>
    private async Task RestoreRawBlobsAsync(DocumentRecord document, CheckFacts facts, CancellationToken ct)
    {
        if (facts.RawSha256 == document.MissingRawSha256 && await ledger.FindAsync(document.Id, document.VersionCount, ct) is { } current && current.RawSha256 == facts.RawSha256)
        {
            var restored = await restorer.RestoreAsync(current, facts.Pages!.Select(p => p.Page.Body), ct);
            log.LogWarning("Restored {Count} missing raw blobs of {Document} version {Sequence} from a fresh fetch with the recorded hash", restored.Count, document.Id, current.Sequence);
        }
    }

    /// <summary>A failed check still sends what is owed; if that fails too, the failure already recorded stands and the next check retries.</summary>
    private async Task SendOwedQuietlyAsync(DocumentRecord document, CancellationToken ct)
    {
        try { await announcer.SendOwedAsync(document, ct); }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogWarning("Change notices owed by {Document} not sent yet: {Error}", document.Id, VisibleText.Bounded(FirstLine(e.Message), 300));
        }
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end >= 0 ? message[..end] : message;
    }
}
