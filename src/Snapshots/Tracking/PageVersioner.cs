using Snapshots.Text;
using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Extraction;
using Snapshots.Fetching;

namespace Snapshots.Tracking;

/// <summary>
/// The one path from raw pages to a version candidate, shared by the live check (<see cref="DocumentCapturer"/>) and
/// the history import (<see cref="HistoryImporter"/>): extract each source, join, apply the declaration's and the
/// built-in noise rules, refuse pages that are not the document (<see cref="UnusablePageDetector"/>), hash.
/// Does no I/O except asking for the current version's length when the new text is suspiciously short.
/// </summary>
public sealed class PageVersioner(DocumentExtractor extractor, TextFilter filter, ExtractionSlots slots)
{
    /// <summary>The candidate for these pages; throws <see cref="ExtractionException"/> when the document cannot be extracted or the page is not the document.</summary>
    /// <param name="previousTextLength">Asked only for a short text: the current version's length in characters, or null when there is none.</param>
    public async Task<VersionCandidate> CandidateAsync(
        DocumentId document,
        DocumentDeclaration declaration,
        string declarationSha256,
        IReadOnlyList<SourcePage> pages,
        DateTimeOffset capturedAt,
        string origin,
        Func<CancellationToken, Task<int?>> previousTextLength,
        CancellationToken ct = default)
    {
        // The CPU-bound part takes a turn (ExtractionSlots): extraction and the noise rules, on a thread of its own that the
        // slot waits for, even when the check gives up on it at the budget.
        var url = pages[0].Page.Url;
        var limit = extractor.Options.Budget;
        var text = await slots.RunAsync(
            token => filter.Apply(string.Join("\n\n", ExtractAll(pages, token)), declaration, url),
            () => new ExtractionException(url, $"extraction exceeded its time budget of {Describe.Duration(limit)} (Extraction__Budget) and was abandoned"),
            ct);

        int? previous = UnusablePageDetector.WordCount(text, BuiltInNoiseRules.NearEmptyWords) < BuiltInNoiseRules.NearEmptyWords ? await previousTextLength(ct) : null;
        foreach (var page in pages)
        {
            var reason = page.Page.MediaType is MediaTypes.Html or MediaTypes.Xhtml
                ? UnusablePageDetector.ReasonToRefusePage(page.Page.Body, text, previous)
                : UnusablePageDetector.ReasonToRefuse(null, text, previous);
            if (reason is not null)
                throw new ExtractionException(page.Page.Url, reason);
        }

        var sources = pages.Select(p => new CapturedSource(p.Source.Fetch, p.Page.FinalUrl.AbsoluteUri, p.Page.MediaType, p.Page.Extension, p.Page.Body, p.Sha256)
        {
            Exchange = p.Page.Exchange,
            Rendered = p.Page.Rendered,
        }).ToList();
        return new VersionCandidate(document, capturedAt, text, sources, declarationSha256, origin);
    }

    /// <summary>
    /// Extracts every page within one budget for the whole document, checked from inside the parser, the selector matching,
    /// the site-chrome rules, the renderer and the PDF reader; <paramref name="ct"/> is cancelled when the check gives up.
    /// </summary>
    private List<string> ExtractAll(IReadOnlyList<SourcePage> pages, CancellationToken ct)
    {
        var budget = extractor.NewBudget(ct);
        return pages.Select(p => extractor.Extract(p.Page, p.Source, budget)).ToList();
    }

}
