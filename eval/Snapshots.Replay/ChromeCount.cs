using Snapshots.Extraction;
using Snapshots.Fetching;
using Snapshots.Tracking;
using Snapshots.Catalog;

namespace Snapshots.Replay;

/// <summary>What one rule left out of a series' texts: blocks, in how many captures, how many distinct texts.</summary>
public sealed record RuleCount(string Rule, int Blocks, int Captures, int DistinctTexts);

/// <summary>
/// Site chrome left out of a series' texts and placeholders decoded: each capture re-extracted with the declaration in force at
/// its time, counting what <c>diff --explain</c> would show, in all and per rule.
/// </summary>
public sealed record ChromeCount(int Blocks, int Captures, int DistinctTexts)
{
    /// <summary>Per rule (the reviewed selector or the structural rule's name), in the order first met.</summary>
    public IReadOnlyList<RuleCount> ByRule { get; init; } = [];

    /// <summary>E-mail protection placeholders decoded to the address they hide, and in how many captures.</summary>
    public (int Placeholders, int Captures) Decoded { get; init; }

    public static ChromeCount Of(HistoryFolder folder, DocumentId document, string termsType)
    {
        var extractor = new DocumentExtractor();
        var (blocks, captures, decoded, decodedIn) = (0, 0, 0, 0);
        var texts = new HashSet<string>(StringComparer.Ordinal);
        var rules = new Dictionary<string, (int Blocks, int Captures, HashSet<string> Texts)>();
        foreach (var capture in folder.Captures)
        {
            var declaration = folder.HasDeclarations ? folder.DeclarationAt(capture.CapturedAt, termsType, document.Platform, document.Platform).Declaration : null;
            if (declaration is not { Sources.Count: 1 }) continue;
            var source = declaration.Sources[0];
            var page = new FetchedPage(source.Url, source.Url, 200, capture.MediaType, capture.ReadBytes(), null, null, false);
            try
            {
                var explanation = extractor.Explain(page, source);
                var chrome = explanation.Chrome;
                blocks += chrome.Count;
                if (chrome.Count > 0) captures++;
                texts.UnionWith(chrome.Select(c => c.Text));
                foreach (var group in chrome.GroupBy(c => c.Rule))
                {
                    var seen = rules.TryGetValue(group.Key, out var known) ? known : (Blocks: 0, Captures: 0, Texts: new HashSet<string>(StringComparer.Ordinal));
                    seen.Texts.UnionWith(group.Select(c => c.Text));
                    rules[group.Key] = (seen.Blocks + group.Count(), seen.Captures + 1, seen.Texts);
                }
                decoded += explanation.Placeholders.Count;
                if (explanation.Placeholders.Count > 0) decodedIn++;
            }
            catch (ExtractionException)
            {
                // counted as a failed capture by the import already
            }
        }
        return new ChromeCount(blocks, captures, texts.Count)
        {
            ByRule = rules.Select(r => new RuleCount(r.Key, r.Value.Blocks, r.Value.Captures, r.Value.Texts.Count)).ToList(),
            Decoded = (decoded, decodedIn),
        };
    }
}
