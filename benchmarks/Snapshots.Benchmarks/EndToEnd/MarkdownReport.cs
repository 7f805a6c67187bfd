using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;
using Snapshots.Benchmarks.Corpus;

namespace Snapshots.Benchmarks.EndToEnd;

/// <summary>What was run, on what, and how busy the machine was.</summary>
public sealed record RunDescription(int Documents, int Concurrency, int Seed, PolicyCorpus Corpus, TimeSpan ImportTime, string LoadBefore, string LoadAfter);

/// <summary>The e2e results as Markdown: the summary table, the storage requests by kind, and the conditions of the run.</summary>
public static class MarkdownReport
{
    private const double MiB = 1024 * 1024;

    public static string Render(RunDescription run, IReadOnlyList<ScenarioResult> results)
    {
        var md = new StringBuilder();
        var sizes = run.Corpus.Documents.Select(d => (double)d.TargetBytes).ToList();
        md.AppendLine(Invariant($"## End-to-end capture benchmark: {run.Documents} documents"));
        md.AppendLine();
        md.AppendLine(Invariant($"- Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC"));
        md.AppendLine(Invariant($"- Load average (1, 5, 15 min): {run.LoadBefore} before, {run.LoadAfter} after"));
        md.AppendLine(Invariant($"- Corpus: seed {run.Seed}, pages {sizes.Min() / 1024:F0} KB to {sizes.Max() / 1024:F0} KB (median {ScenarioResult.Percentile(sizes, 50) / 1024:F0} KB), {sizes.Sum() / MiB:F0} MiB in all; each document on its own URL"));
        md.AppendLine(Invariant($"- Capture concurrency {run.Concurrency}; declarations imported in {run.ImportTime.TotalSeconds:F1} s; storage: in-memory Azurite on loopback; site: Kestrel on loopback, another process"));
        md.AppendLine();
        md.AppendLine("| Scenario | Outcomes | Wall s | Docs/s | ms/doc p50 | ms/doc p95 | Storage req/doc | Storage written | HTTP requests | HTTP received | Peak working set | GC allocated | CPU ms/doc: pipeline + Azurite | GC pauses |");
        md.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var r in results)
        {
            md.AppendLine(
                Invariant($"| {r.Name} | {r.OutcomeSummary}{(r.Problems.Count > 0 ? $" (**{r.Problems.Count} unexpected**)" : "")} | {r.Elapsed.TotalSeconds:F1} | {r.DocumentsPerSecond:F1} ") +
                Invariant($"| {r.MillisecondsAt(50):F1} | {r.MillisecondsAt(95):F1} | {r.StorageRequestsPerDocument:F2} ") +
                Invariant($"| {r.StorageBytesSent / MiB:F1} MiB ({r.StorageBytesSent / 1024.0 / r.Documents:F1} KB/doc) ") +
                Invariant($"| {r.Site.Requests} ({r.Site.NotModified} × 304) | {r.Site.BytesSent / MiB:F1} MiB ") +
                Invariant($"| {r.PeakWorkingSetBytes / MiB:F0} MiB | {r.AllocatedBytes / MiB:F0} MiB ({r.AllocatedBytes / MiB / r.Documents:F2} MiB/doc, {r.Gen2Collections} gen2) ") +
                Invariant($"| {r.PipelineCpu.TotalMilliseconds / r.Documents:F1} + {r.StorageCpu.TotalMilliseconds / r.Documents:F1} | {r.GcPause.TotalSeconds:F1} s |"));
        }
        md.AppendLine();
        AppendRequestKinds(md, results);
        md.AppendLine();
        md.AppendLine("Figures: *ms/doc* is one document's `DocumentCapturer.CaptureAsync` (fetch, extract, hash, storage) while other documents run alongside; ");
        md.AppendLine("*storage req/doc* counts every storage attempt (`StorageRequestCounter`) during the cycle, not the listing of documents before it ");
        md.AppendLine(Invariant($"({string.Join(", ", results.Select(r => r.ListRequests).Distinct())} query request(s) per cycle); *storage written* is request body bytes "));
        md.AppendLine("(blobs, table entities, queue messages); *peak working set* is sampled every 20 ms during the cycle, after a full GC; *GC allocated* is ");
        md.AppendLine("`GC.GetTotalAllocatedBytes` over the cycle in the benchmark process (pipeline and Azure SDK; the site runs in another process).");
        return md.ToString();
    }

    private static void AppendRequestKinds(StringBuilder md, IReadOnlyList<ScenarioResult> results)
    {
        md.AppendLine("Storage requests per document, by kind (request → response status), and request body KB per document:");
        md.AppendLine();
        md.AppendLine("| Request | " + string.Join(" | ", results.Select(r => r.Name[..r.Name.IndexOf('.')])) + " |");
        md.AppendLine("|---|" + string.Concat(results.Select(_ => "--:|")));
        var kinds = results.SelectMany(r => r.StorageRequestKinds.Keys).Distinct().Order(StringComparer.Ordinal);
        foreach (var kind in kinds)
        {
            var cells = results.Select(r => r.StorageRequestKinds.TryGetValue(kind, out var tally)
                ? Invariant($"{(double)tally.Count / r.Documents:0.###}") + (tally.BytesSent > 0 ? Invariant($" ({tally.BytesSent / 1024.0 / r.Documents:0.#} KB)") : "")
                : "");
            md.AppendLine($"| `{kind}` | {string.Join(" | ", cells)} |");
        }
        md.AppendLine("| **total** | " + string.Join(" | ", results.Select(r => Invariant($"**{r.StorageRequestsPerDocument:0.###}**"))) + " |");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
