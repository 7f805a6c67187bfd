using Snapshots.Text;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using AngleSharp.Html.Parser;
using Snapshots.Benchmarks.Corpus;
using Snapshots.Catalog;
using Snapshots.Changes;
using Snapshots.Extraction;
using Snapshots.Provisions;
using Snapshots.Fetching;
using Snapshots.Tracking;

namespace Snapshots.Benchmarks.Profile;

/// <summary>
/// <c>stages [--documents N] [--seed S] [--replay DIR] [--output FILE] [--texts FILE]</c>: the CPU cost of each step a first check of a page
/// takes, on one thread, measured step by step over the generated corpus, or with <c>--replay</c> over every HTML capture
/// of the replay series in DIR (real pages, each with the declaration in force at its time), after one warm-up pass:
/// decode, parse, select/remove, site chrome, Markdown, noise rules, the unusable-page check, hashing, statistics and
/// severity. Time and allocated bytes per step; the storage requests and their count are in <c>e2e</c> (they are I/O,
/// not CPU of this process). <c>--texts</c> writes the SHA-256 of each page's text, one line a page, so that two builds'
/// extractions can be compared (a faster step must give the same text).
/// </summary>
public static class StageProfile
{
    private static readonly string[] Steps = ["decode", "parse", "select/remove", "site chrome", "Markdown", "noise rules", "unusable-page check", "hash (raw + text)", "statistics (first version)", "severity", "provisions: split", "provisions: identities", "provisions: row"];

    public static int Run(IReadOnlyList<string> arguments)
    {
        var (documents, seed, output, replay, texts) = (200, PolicyCorpus.DefaultSeed, (string?)null, (string?)null, (string?)null);
        for (var i = 0; i < arguments.Count; i++)
        {
            string Value() => i + 1 < arguments.Count ? arguments[++i] : throw new ArgumentException($"{arguments[i]} needs a value");
            switch (arguments[i])
            {
                case "--documents" or "-n": documents = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--output" or "-o": output = Value(); break;
                case "--replay": replay = Value(); break;
                case "--texts": texts = Value(); break;
                default: throw new ArgumentException($"unknown option {arguments[i]}: use --documents N, --seed S, --replay DIR, --output FILE, --texts FILE");
            }
        }
        var (pages, corpusName) = replay is null ? (GeneratedPages(documents, seed), "generated pages") : (ReplayPages(replay), $"real captures from {replay}");
        var statistics = new ChangeStatistics(new ChangeSummarizer());
        var filter = new TextFilter();

        var ticks = new long[Steps.Length];
        var extractor = new DocumentExtractor();
        long wholeTicks = 0;
        long rowBytes = 0, rowProvisions = 0;
        var textHashes = new List<string>();
        var bytes = new long[Steps.Length];
        for (var pass = 0; pass < 2; pass++)
        {
            Array.Clear(ticks);
            Array.Clear(bytes);
            wholeTicks = 0;
            (rowBytes, rowProvisions) = (0, 0);
            textHashes.Clear();
            foreach (var (body, source, url, declaration) in pages)
            {
                var step = 0;
                T Time<T>(Func<T> work)
                {
                    var allocated = GC.GetAllocatedBytesForCurrentThread();
                    var started = Stopwatch.GetTimestamp();
                    var result = work();
                    ticks[step] += Stopwatch.GetTimestamp() - started;
                    bytes[step] += GC.GetAllocatedBytesForCurrentThread() - allocated;
                    step++;
                    return result;
                }
                var budget = ExtractionBudget.Default();
                var html = Time(() => TextDecoding.DecodeHtml(body, "utf-8"));
                using var document = Time(() =>
                {
                    var parsed = new HtmlParser(budget.ParserOptions(url)).ParseDocument(html);
                    budget.EndOfParse(url);
                    return parsed;
                });
                var content = Time(() => DeclaredContent.Cut(document, source, url, budget));
                Time(() => SiteChrome.RemoveFrom(content, url));
                var markdown = Time(() => MarkdownRenderer.Render(content.Nodes, url));
                var text = Time(() => filter.Apply(markdown, declaration, url));
                textHashes.Add($"{Sha256Hex.Of(text)} {url}");
                Time(() => UnusablePageDetector.ReasonToRefusePage(body, text,
                    UnusablePageDetector.WordCount(text, BuiltInNoiseRules.NearEmptyWords) < BuiltInNoiseRules.NearEmptyWords ? 0 : null));
                Time(() => Sha256Hex.Of(body) + Sha256Hex.Of(Encoding.UTF8.GetBytes(text)));
                var stats = Time(() => statistics.Compare(null, text));
                Time(() => ChangeSeverity.Rate(stats.Summary, TopicCatalog.Default));
                var split = Time(() => ProvisionSplitter.Split(text));
                var lineage = Time(() => ProvisionMap.Of(1, "", ProvisionLineage.Start(1, split), null));
                var row = Time(() => ProvisionMapCodec.ToEntity("p", "r", lineage));
                (rowBytes, rowProvisions) = (rowBytes + row.Select(p => p.Value).OfType<byte[]>().Sum(b => (long)b.Length), rowProvisions + lineage.Provisions.Count);
                var started = Stopwatch.GetTimestamp();
                extractor.Extract(new FetchedPage(url, url, 200, MediaTypes.Html, body, null, null, false, "utf-8"), source);
                wholeTicks += Stopwatch.GetTimestamp() - started;
            }
        }

        var totalMs = ticks.Sum() * 1000.0 / Stopwatch.Frequency;
        var mib = pages.Sum(p => (long)p.Body.Length) / (1024.0 * 1024.0);
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"## CPU of a first check, step by step: {pages.Count} {corpusName} ({mib:F1} MiB), one thread");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, .NET {Environment.Version}; second of two passes (the first warms up the JIT).");
        report.AppendLine();
        report.AppendLine("| step | ms in all | ms/page | share | allocated MiB/page |");
        report.AppendLine("|---|--:|--:|--:|--:|");
        for (var i = 0; i < Steps.Length; i++)
        {
            var ms = ticks[i] * 1000.0 / Stopwatch.Frequency;
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {Steps[i]} | {ms:F0} | {ms / pages.Count:F2} | {100 * ms / totalMs:F1}% | {bytes[i] / (1024.0 * 1024.0) / pages.Count:F2} |");
        }
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| **all steps** | **{totalMs:F0}** | **{totalMs / pages.Count:F2}** | 100% | {bytes.Sum() / (1024.0 * 1024.0) / pages.Count:F2} |");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"DocumentExtractor.Extract as one call (decode to Markdown): {wholeTicks * 1000.0 / Stopwatch.Frequency / pages.Count:F2} ms/page.");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture,
            $"Provisions row: {rowProvisions / (double)pages.Count:F0} provisions and {rowBytes / 1024.0 / pages.Count:F1} KiB of map a page ({rowBytes / (double)Math.Max(1, rowProvisions):F0} bytes a provision).");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Throughput of these steps on one core: {mib / (totalMs / 1000):F1} MiB/s of HTML.");
        Console.WriteLine(report);
        if (output is not null) File.WriteAllText(output, report.ToString());
        if (texts is not null) File.WriteAllLines(texts, textHashes);
        return 0;
    }

    private static List<(byte[] Body, SourceDeclaration Source, Uri Url, DocumentDeclaration Declaration)> GeneratedPages(int documents, int seed)
    {
        var baseUri = new Uri("https://bench.example/");
        var corpus = new PolicyCorpus(documents, seed);
        var declaration = CorpusDeclarations.Of(corpus, baseUri)[0].Documents[0];
        return corpus.Documents.Select(d => (PolicyPageGenerator.Render(d), CorpusDeclarations.SourceDeclarationOf(d, baseUri),
            new Uri(baseUri, d.Path), declaration)).ToList();
    }

    /// <summary>Every single-file HTML capture of every series folder under <paramref name="folder"/> that has declarations.</summary>
    private static List<(byte[] Body, SourceDeclaration Source, Uri Url, DocumentDeclaration Declaration)> ReplayPages(string folder)
    {
        var pages = new List<(byte[], SourceDeclaration, Uri, DocumentDeclaration)>();
        foreach (var path in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
        {
            var history = HistoryFolder.Read(path);
            if (!history.HasDeclarations) continue;
            foreach (var capture in history.Captures.Where(c => c.Parts.Count == 1 && c.MediaType == MediaTypes.Html))
            {
                var (declaration, _) = history.DeclarationAt(capture.CapturedAt, "Terms of Service", "Replay", "replay");
                var source = declaration.Sources[0];
                pages.Add((capture.ReadBytes(), source, new Uri(source.Fetch), declaration));
            }
        }
        return pages;
    }
}
