using Snapshots.Extraction;
using Snapshots.Fetching;
using Snapshots.Tracking;
using Snapshots.Catalog;

namespace Snapshots.Replay;

/// <summary>Site chrome left out of a series' texts: each capture re-extracted with the declaration in force at its time, counting what <c>diff --explain</c> would show.</summary>
public sealed record ChromeCount(int Blocks, int Captures, int DistinctTexts)
{
    public static ChromeCount Of(HistoryFolder folder, DocumentId document, string termsType)
    {
        var extractor = new DocumentExtractor();
        var (blocks, captures) = (0, 0);
        var texts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var capture in folder.Captures)
        {
            var declaration = folder.HasDeclarations ? folder.DeclarationAt(capture.CapturedAt, termsType, document.Platform, document.Platform).Declaration : null;
            if (declaration is not { Sources.Count: 1 }) continue;
            var source = declaration.Sources[0];
            var page = new FetchedPage(source.Url, source.Url, 200, capture.MediaType, capture.ReadBytes(), null, null, false);
            try
            {
                var chrome = extractor.Explain(page, source).Chrome;
                blocks += chrome.Count;
                if (chrome.Count > 0) captures++;
                texts.UnionWith(chrome.Select(c => c.Text));
            }
            catch (ExtractionException)
            {
                // counted as a failed capture by the import already
            }
        }
        return new ChromeCount(blocks, captures, texts.Count);
    }
}
