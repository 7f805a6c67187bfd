using System.Diagnostics;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Snapshots.Benchmarks.Corpus;
using Snapshots.Benchmarks.Micro;
using Snapshots.Benchmarks.Site;
using Snapshots.Cli.Local;
using Snapshots.Catalog;
using Snapshots.Extraction;
using Snapshots.Storage;
using Snapshots.Tracking;

namespace Snapshots.Benchmarks.EndToEnd;

/// <summary>
/// The end-to-end run: in-memory Azurite, the corpus served by a loopback site in its own process, the library
/// registered as the app registers it (<c>AddSnapshots</c>), declarations imported, then the four scenarios in order.
/// </summary>
public static class EndToEndBenchmark
{
    public static async Task<int> RunAsync(EndToEndOptions options)
    {
        var root = RepositoryRoot.Find() ?? throw new InvalidOperationException("run inside the repository: Azurite is started from its node_modules (npm ci)");
        var loadBefore = MachineLoad.Read();
        Say($"e2e: {options.Documents} documents, load average {loadBefore}");

        var corpus = new PolicyCorpus(options.Documents, options.Seed);
        await using var storage = await BenchmarkStorage.StartAsync(root, Say);
        await using var site = await CorpusSiteProcess.StartAsync(options.Documents, options.Seed);
        Say($"Azurite running; corpus site at {site.BaseUri} (process {site.ProcessId})");

        var counter = new StorageRequestCounter();
        var ledger = new StorageRequestLedger(storage.BlobPort, storage.QueuePort);
        await using var services = BuildServices(storage.ConnectionString, options.Concurrency, counter, ledger);
        await services.GetRequiredService<StorageClients>().EnsureCreatedAsync();
        var concurrency = services.GetRequiredService<IOptions<CaptureOptions>>().Value.Concurrency;

        var importTime = await ImportAsync(services.GetRequiredService<DocumentCatalog>(), CorpusDeclarations.Of(corpus, site.BaseUri));
        Say($"imported {options.Documents} declarations in {importTime.TotalSeconds:F1} s");
        WarmUp();

        var indexOf = corpus.Documents.ToDictionary(d => new DocumentId(Slug.From(d.PlatformName), Slug.From(d.TermsType)), d => d.Index);
        var cycle = new TimedCaptureCycle(services.GetRequiredService<CaptureCycle>());
        var results = new List<ScenarioResult>();
        foreach (var scenario in Scenario.All(PolicyCorpus.IsInChangedTenth))
        {
            var result = await MeasureAsync(scenario, site, storage, services.GetRequiredService<DocumentCatalog>(), cycle, counter, ledger, indexOf);
            results.Add(result);
            Say($"{scenario.Name}: {result.OutcomeSummary} in {result.Elapsed.TotalSeconds:F1} s ({result.DocumentsPerSecond:F1} docs/s), " +
                $"{result.StorageRequestsPerDocument:F2} storage requests/doc{(result.Problems.Count > 0 ? $", {result.Problems.Count} UNEXPECTED outcomes" : "")}");
        }

        var run = new RunDescription(options.Documents, concurrency, options.Seed, corpus, importTime, loadBefore, MachineLoad.Read());
        var markdown = MarkdownReport.Render(run, results);
        var output = options.Output ?? Path.Combine(root, "benchmarks", "results", $"e2e-{options.Documents}.md");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await File.WriteAllTextAsync(output, markdown);
        Console.WriteLine();
        Console.WriteLine(markdown);
        Say($"written to {output}");
        return results.Any(r => r.Problems.Count > 0) ? 1 : 0;
    }

    private static ServiceProvider BuildServices(string connectionString, int? concurrency, StorageRequestCounter counter, StorageRequestLedger ledger)
    {
        var settings = new Dictionary<string, string?>
        {
            [StorageOptions.SettingName] = connectionString,
            ["Fetch:AllowPrivateNetworks"] = "true",
        };
        if (concurrency is { } c) settings[$"{CaptureOptions.Section}:{nameof(CaptureOptions.Concurrency)}"] = $"{c}";
        var services = new ServiceCollection();
        services.AddSingleton<HttpPipelinePolicy>(counter);
        services.AddSingleton<HttpPipelinePolicy>(ledger);
        services.AddSnapshots(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }

    private static async Task<TimeSpan> ImportAsync(DocumentCatalog catalog, IReadOnlyList<PlatformDeclaration> platforms)
    {
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(platforms.SelectMany(p => p.Documents), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (document, ct) => await catalog.UpsertAsync(document, ct));
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>JIT-compiles extraction and hashing before the first measured cycle, so the first cycle measures the work, not the compiler.</summary>
    private static void WarmUp()
    {
        var sample = SamplePage.OfKilobytes(50);
        var text = new DocumentExtractor().Extract(sample.Page, sample.Source);
        _ = Text.Sha256Hex.Of(text);
    }

    private static async Task<ScenarioResult> MeasureAsync(Scenario scenario, CorpusSiteProcess site, BenchmarkStorage storage, DocumentCatalog catalog, TimedCaptureCycle cycle,
        StorageRequestCounter counter, StorageRequestLedger ledger, IReadOnlyDictionary<DocumentId, int> indexOf)
    {
        await scenario.Prepare(site);
        counter.Reset();
        var documents = await catalog.ListAsync();
        var listRequests = counter.Requests;

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        await site.ResetStatsAsync();
        counter.Reset();
        ledger.Reset();
        var gen2Before = GC.CollectionCount(2);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var sampler = WorkingSetSampler.Start();
        var (cpuBefore, storageCpuBefore, pauseBefore) = (Process.GetCurrentProcess().TotalProcessorTime, storage.ProcessorTime, GC.GetTotalPauseDuration());
        var started = Stopwatch.GetTimestamp();
        var outcomes = await cycle.RunAsync(documents);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var (pipelineCpu, storageCpu, gcPause) = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore, storage.ProcessorTime - storageCpuBefore, GC.GetTotalPauseDuration() - pauseBefore);
        var peak = await sampler.StopAsync();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var requests = counter.Requests;
        var bytesSent = counter.BytesSent;
        var kinds = ledger.Snapshot();
        var siteStats = await site.StatsAsync();

        var problems = outcomes.Select(o => scenario.Check(indexOf[o.Outcome.Document], o.Outcome)).OfType<string>().ToList();
        foreach (var problem in problems.Take(5)) Say($"  unexpected: {problem}");
        return new ScenarioResult(scenario.Name, outcomes, elapsed, requests, bytesSent, kinds, listRequests, siteStats, peak, allocated,
            GC.CollectionCount(2) - gen2Before, problems, pipelineCpu, storageCpu, gcPause);
    }

    private static void Say(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
