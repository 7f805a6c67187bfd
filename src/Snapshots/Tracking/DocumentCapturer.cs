using Microsoft.Extensions.Logging;
using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Extraction;
using Snapshots.Fetching;
using Snapshots.Messaging;
using Snapshots.Storage;
using Snapshots.Text;

namespace Snapshots.Tracking;

/// <summary>
/// One check of one document: fetch its source page(s), extract and normalize the text, hash it, and record a version
/// only if the text changed. Failures, expected or not, are recorded on the document (consecutive failures, a sanitized last
/// error) and never touch its versions. Every check ends by sending the change notices the document still owes
/// (<see cref="ChangeAnnouncer"/>, the outbox), so a notice lost between recording a version and announcing it goes out later.
/// </summary>
public sealed class DocumentCapturer(
    DocumentCatalog catalog,
    PageVersioner versioner,
    VersionLedger ledger,
    VersionRecorder recorder,
    VariantObserver variants,
    PlatformChromeCheck platformChrome,
    ChangeAnnouncer announcer,
    RawBlobRestorer restorer,
    TimeProvider clock,
    ILogger<DocumentCapturer> log)
{
    /// <summary>Longest last error kept on a document row.</summary>
    public const int MaxErrorLength = 1000;

    public async Task<CaptureOutcome> CaptureAsync(DocumentRecord document, FetchCycle fetches, CancellationToken ct = default)
    {
        try
        {
            return await CheckAsync(document, fetches, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Unexpected (a storage error, a regex timeout, a bug): still a failed check of this document, counted and shown.
            // If even recording it fails, that error escapes (the queue retries; the cycle reports it).
            log.LogError(e, "Check of {Document} failed unexpectedly", document.Id);
            return await RecordFailureAsync(document, $"unexpected error ({e.GetType().Name}): {FirstLine(e.Message)}", ct);
        }
    }

    private async Task<CaptureOutcome> CheckAsync(DocumentRecord document, FetchCycle fetches, CancellationToken ct)
    {
        var id = document.Id;
        var declaration = document.Declaration();
        var sameDeclaration = document.CurrentDeclarationSha256 == document.DeclarationSha256 && document.VersionCount > 0;
        var conditional = sameDeclaration && declaration.Sources.Count == 1 && document.MissingRawSha256 is null && !declaration.Sources[0].ExecuteClientScripts
            ? new ConditionalRequest(document.LastETag, document.LastModifiedHeader)
            : null;
        var capturedAt = clock.GetUtcNow();

        List<SourcePage> pages;
        try
        {
            pages = [];
            foreach (var source in declaration.Sources)
                pages.Add(new SourcePage(source, await fetches.FetchAsync(source, conditional is { IsEmpty: false } ? conditional : null, ct)));
        }
        catch (FetchException e)
        {
            return await RecordFailureAsync(document, e.Message, ct);
        }

        if (pages.All(p => p.Page.NotModified))
            return await RecordVerifiedAsync(document, capturedAt, document.LastRawSha256, pages[0].Page, "not modified (HTTP 304)", ct);

        var rawSha = RawHash.Of(pages.Select(p => Sha256Hex.Of(p.Page.Body)).ToList());
        if (document.MissingRawSha256 is not null) document = await RestoreRawBlobsAsync(document, rawSha, pages, ct);
        if (sameDeclaration && rawSha == document.LastRawSha256)
            return await RecordVerifiedAsync(document, capturedAt, rawSha, pages[^1].Page, "same raw bytes", ct);

        VersionCandidate candidate;
        try
        {
            candidate = await versioner.CandidateAsync(id, declaration, document.DeclarationSha256, pages, capturedAt, "live",
                async token => document.VersionCount == 0 ? null : (await ledger.FindAsync(id, document.VersionCount, token))?.TextLength, ct);
        }
        catch (ExtractionException e)
        {
            return await RecordFailureAsync(document, e.Message, ct);
        }

        if ((candidate.TextSha256 == (document.ServedSha256 ?? document.CurrentSha256) || candidate.TextSha256 == document.ChromeEquivalentSha256) && sameDeclaration)
            return await RecordVerifiedAsync(document, capturedAt, rawSha, pages[^1].Page, "same text", ct);

        var validators = pages[^1].Page;
        var observation = await variants.TryObserveAsync(document, candidate, ct, d =>
        {
            d.LastAttemptAt = capturedAt;
            d.LastRawSha256 = rawSha;
            d.LastETag = validators.ETag;
            d.LastModifiedHeader = validators.LastModified;
        });
        if (observation is not null)
        {
            log.LogInformation("{Document} returned to version {Sequence}, a known variant: observation kept, no version, no alert", id, observation.Sequence);
            // A notice still owed from an earlier version goes out as on any other check.
            if (document.NoticePendingSequence is not null) await announcer.SendOwedAsync(await catalog.GetAsync(id, ct), ct);
            return new CaptureOutcome(id, CaptureStatus.Unchanged, $"returned to version {observation.Sequence} (a known variant: observed, no new version)",
                document.VersionCount, observation.TextSha256);
        }

        if (sameDeclaration && await platformChrome.OnlyChromeAsync(document, candidate, fetches, ct) is { } chrome)
        {
            log.LogInformation("{Document}: {Chrome}; no version, no alert", id, chrome.Describe());
            return await RecordVerifiedAsync(document, capturedAt, rawSha, pages[^1].Page, chrome.Describe(), ct,
                also: d => d.ChromeEquivalentSha256 = candidate.TextSha256);
        }

        var outcome = await recorder.RecordAsync(candidate, ct, document, d =>
        {
            d.LastETag = validators.ETag;
            d.LastModifiedHeader = validators.LastModified;
        });
        if (outcome.Result == RecordResult.AlreadyCurrent)
            return await RecordVerifiedAsync(document, capturedAt, rawSha, pages[^1].Page, "same text", ct, reread: true);

        var version = outcome.Version!;
        if (outcome.Result == RecordResult.Recorded)
            log.LogInformation("Recorded {Document} version {Sequence} ({Sha256})", id, version.Sequence, version.TextSha256);
        // Recorded here or by a concurrent capture (or by this very check, when the reply to its insert was lost): either way the
        // notice goes out now if it is still owed.
        await announcer.SendOwedAsync(outcome.Document ?? await catalog.GetAsync(id, ct), ct, version);
        return new CaptureOutcome(id, version.Sequence == 1 ? CaptureStatus.First : CaptureStatus.Changed,
            outcome.Result == RecordResult.Recorded ? $"version {version.Sequence}" : $"version {version.Sequence} (recorded by a concurrent capture)",
            version.Sequence, version.TextSha256);
    }

    /// <summary>
    /// The current version's raw blobs were found missing (see <see cref="DocumentRecord.MissingRawSha256"/>): this check
    /// fetched without validators; restore them if the page still serves the same bytes, and stop asking either way
    /// (bytes that differ leave the blob missing, and verify names it).
    /// </summary>
    private async Task<DocumentRecord> RestoreRawBlobsAsync(DocumentRecord document, string rawSha, IReadOnlyList<SourcePage> pages, CancellationToken ct)
    {
        if (rawSha == document.MissingRawSha256 && await ledger.FindAsync(document.Id, document.VersionCount, ct) is { } current && current.RawSha256 == rawSha)
        {
            var restored = await restorer.RestoreAsync(current, pages.Select(p => p.Page.Body), ct);
            log.LogWarning("Restored {Count} missing raw blobs of {Document} version {Sequence} from a fresh fetch with the recorded hash", restored.Count, document.Id, current.Sequence);
        }
        return await catalog.UpdateAsync(document.Id, d => { d.MissingRawSha256 = null; return true; }, ct, document);
    }

    /// <summary>The current version was verified: record only "last checked" (one write, with the row in hand unless <paramref name="reread"/>).</summary>
    private async Task<CaptureOutcome> RecordVerifiedAsync(DocumentRecord current, DateTimeOffset checkedAt, string? rawSha, FetchedPage page, string detail, CancellationToken ct,
        bool reread = false, Action<DocumentRecord>? also = null)
    {
        var id = current.Id;
        var document = await catalog.UpdateAsync(id, d =>
        {
            d.LastCheckedAt = checkedAt;
            d.LastAttemptAt = checkedAt;
            d.LastRawSha256 = rawSha ?? d.LastRawSha256;
            if (!page.NotModified) { d.LastETag = page.ETag; d.LastModifiedHeader = page.LastModified; }
            d.ConsecutiveFailures = 0;
            d.LastError = null;
            d.FailingSince = null;
            also?.Invoke(d);
            return true;
        }, ct, reread ? null : current);
        await announcer.SendOwedAsync(document, ct);
        return new CaptureOutcome(id, CaptureStatus.Unchanged, detail, document.VersionCount, document.CurrentSha256);
    }

    private async Task<CaptureOutcome> RecordFailureAsync(DocumentRecord current, string reason, CancellationToken ct)
    {
        var id = current.Id;
        var error = VisibleText.Bounded(reason, MaxErrorLength);
        var now = clock.GetUtcNow();
        var document = await catalog.UpdateAsync(id, d =>
        {
            d.LastAttemptAt = now;
            d.ConsecutiveFailures++;
            d.LastError = error;
            d.FailingSince ??= now;
            return true;
        }, ct, current);
        log.LogWarning("Check of {Document} failed ({Failures} in a row): {Error}", id, document.ConsecutiveFailures, error);
        await SendOwedQuietlyAsync(document, ct);
        return new CaptureOutcome(id, CaptureStatus.Failed, error);
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
