using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Extraction;
using Snapshots.Fetching;

namespace Snapshots.Tracking;

/// <summary>One fetched (or saved) source page of a document, with the part of the declaration that says how to extract it.</summary>
public sealed record SourcePage(SourceDeclaration Source, FetchedPage Page);

/// <summary>
/// The one path from raw pages to a version candidate, shared by the live check (<see cref="DocumentCapturer"/>) and
/// the history import (<see cref="HistoryImporter"/>): extract each source, join, apply the declaration's and the
/// built-in noise rules, refuse pages that are not the document (<see cref="UnusablePageDetector"/>), hash.
/// Does no I/O except asking for the current version's length when the new text is suspiciously short.
/// </summary>
public sealed class PageVersioner(DocumentExtractor extractor, TextFilter filter)
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
        var parts = pages.Select(p => extractor.Extract(p.Page, p.Source)).ToList();
        var url = pages[0].Page.Url;
        var text = filter.Apply(string.Join("\n\n", parts), declaration, url);

        int? previous = UnusablePageDetector.WordCount(text) < BuiltInNoiseRules.NearEmptyWords ? await previousTextLength(ct) : null;
        foreach (var page in pages)
        {
            var html = page.Page.MediaType is MediaTypes.Html or MediaTypes.Xhtml ? Head(page.Page.Body) : null;
            if (UnusablePageDetector.ReasonToRefuse(html, text, previous) is { } reason)
                throw new ExtractionException(page.Page.Url, reason);
        }

        var sources = pages.Select(p => new CapturedSource(p.Source.Fetch, p.Page.FinalUrl.AbsoluteUri, p.Page.MediaType, p.Page.Extension, p.Page.Body)).ToList();
        return new VersionCandidate(document, capturedAt, text, sources, declarationSha256, origin);
    }

    private static string Head(byte[] body) => System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 65536));
}
