using Microsoft.Extensions.Logging;
using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Extraction;
using Snapshots.Fetching;
using Snapshots.Messaging;
using Snapshots.Storage;

namespace Snapshots.Tracking;

/// <summary>
/// One check of one document: fetch its source page(s), extract and normalize the text, hash it, and record a version
/// only if the text changed. Failures are recorded on the document and never touch its versions.
/// </summary>
public sealed class DocumentCapturer(
    DocumentCatalog catalog,
    PageVersioner versioner,
    VersionLedger ledger,
    VersionRecorder recorder,
    VariantObserver variants,
    PlatformChromeCheck platformChrome,
    QueuePublisher publisher,
    TimeProvider clock,
    ILogger<DocumentCapturer> log)
{
    public async Task<CaptureOutcome> CaptureAsync(DocumentRecord document, FetchCycle fetches, CancellationToken ct = default)
    {
        var id = document.Id;
        var declaration = document.Declaration();
        var sameDeclaration = document.CurrentDeclarationSha256 == document.DeclarationSha256 && document.VersionCount > 0;
        var conditional = sameDeclaration && declaration.Sources.Count == 1
            ? new ConditionalRequest(document.LastETag, document.LastModifiedHeader)
            : null;
        var capturedAt = clock.GetUtcNow();

        List<SourcePage> pages;
        try
        {
            pages = [];
            foreach (var source in declaration.Sources)
                pages.Add(new SourcePage(source, await fetches.FetchAsync(source.Url, conditional is { IsEmpty: false } ? conditional : null, ct)));
        }
        catch (FetchException e)
        {
            return await RecordFailureAsync(document, e.Message, ct);
        }

        if (pages.All(p => p.Page.NotModified))
            return await RecordVerifiedAsync(document, capturedAt, document.LastRawSha256, pages[0].Page, "not modified (HTTP 304)", ct);

        var rawSha = RawHash.Of(pages.Select(p => Sha256Hex.Of(p.Page.Body)).ToList());
        if (sameDeclaration && rawSha == document.LastRawSha256)
            return await RecordVerifiedAsync(document, capturedAt, rawSha, pages[^1].Page, "same raw bytes", ct);

        VersionCandidate candidate;
        try
        {
            candidate = await versioner.CandidateAsync(id, declaration, document.DeclarationSha256, pages, capturedAt, "live",
                async token => (await ledger.FindAsync(id, document.VersionCount, token))?.TextLength, ct);
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
        {
            await publisher.SendAsync(QueueNames.Changes, new ChangeNotice(ChangeNotice.CurrentVersion, id.ToString(), version.Sequence,
                version.TextSha256, version.CapturedAt, version.ChangedFromSha256, version.Severity), ct: ct);
            log.LogInformation("Recorded {Document} version {Sequence} ({Sha256})", id, version.Sequence, version.TextSha256);
        }
        return new CaptureOutcome(id, version.Sequence == 1 ? CaptureStatus.First : CaptureStatus.Changed,
            outcome.Result == RecordResult.Recorded ? $"version {version.Sequence}" : $"version {version.Sequence} (recorded by a concurrent capture)",
            version.Sequence, version.TextSha256);
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
        return new CaptureOutcome(id, CaptureStatus.Unchanged, detail, document.VersionCount, document.CurrentSha256);
    }

    private async Task<CaptureOutcome> RecordFailureAsync(DocumentRecord current, string error, CancellationToken ct)
    {
        var id = current.Id;
        var now = clock.GetUtcNow();
        var document = await catalog.UpdateAsync(id, d =>
        {
            d.LastAttemptAt = now;
            d.ConsecutiveFailures++;
            d.LastError = error.Length > 1000 ? error[..1000] : error;
            d.FailingSince ??= now;
            return true;
        }, ct, current);
        log.LogWarning("Check of {Document} failed ({Failures} in a row): {Error}", id, document.ConsecutiveFailures, error);
        return new CaptureOutcome(id, CaptureStatus.Failed, error);
    }
}
