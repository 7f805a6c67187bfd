using System.Globalization;
using System.Text;
using System.Text.Json;
using Snapshots.Benchmarks.Corpus;
using Snapshots.Benchmarks.EndToEnd;
using Snapshots.Benchmarks.Site;
using Snapshots.Cli.Local;

namespace Snapshots.Benchmarks.Peer;

/// <summary>
/// <c>peer</c>: urlwatch and <c>snapshots check</c> on the same generated pages, served from one loopback site, each
/// with its own store (urlwatch's SQLite cache; an in-memory Azurite for snapshots), run alternately, three cycles:
/// every page new, unchanged with the server answering 304, unchanged with the server ignoring validators.
/// Prints and writes a table of wall times, peak resident memory and the ratios snapshots / urlwatch.
/// </summary>
public static class PeerBenchmark
{
    private sealed record Cycle(string Name, bool HonourValidators);

    private static readonly Cycle[] Cycles =
    [
        new("first (every page new)", true),
        new("unchanged, server answers 304", true),
        new("unchanged, server ignores validators", false),
    ];

    public static async Task<int> RunAsync(PeerOptions options)
    {
        var root = RepositoryRoot.Find() ?? throw new InvalidOperationException("run inside the repository: Azurite is started from its node_modules (npm ci)");
        var urlwatch = OnPath("urlwatch") ?? throw new InvalidOperationException("urlwatch is not installed: apt-get install -y urlwatch (benchmarks/peer.sh does it)");
        var cli = options.Cli ?? Path.Combine(AppContext.BaseDirectory, "Snapshots.Cli.dll");
        if (!File.Exists(cli)) throw new InvalidOperationException($"{cli} is missing: build benchmarks/Snapshots.Benchmarks first");

        var loadBefore = MachineLoad.Read();
        var corpus = new PolicyCorpus(options.Documents, options.Seed);
        await using var site = await CorpusSiteProcess.StartAsync(options.Documents, options.Seed);
        await using var storage = await BenchmarkStorage.StartAsync(root, Say);
        var work = Directory.CreateTempSubdirectory("snapshots-peer-").FullName;
        try
        {
            var declarations = Directory.CreateDirectory(Path.Combine(work, "declarations")).FullName;
            WriteDeclarations(corpus, site.BaseUri, declarations);
            var watch = Directory.CreateDirectory(Path.Combine(work, "urlwatch")).FullName;
            UrlwatchJobs.Write(corpus, site.BaseUri, watch);

            var environment = new Dictionary<string, string>
            {
                ["AzureWebJobsStorage"] = storage.ConnectionString,
                ["Fetch__AllowPrivateNetworks"] = "true",
                ["Outbox__Path"] = Path.Combine(work, "outbox"),
                ["DOTNET_NOLOGO"] = "1",
            };
            var snapshots = new Tool("snapshots", Program(cli), [.. Arguments(cli), "check"], environment, work);
            var peer = new Tool("urlwatch", urlwatch, UrlwatchJobs.Arguments(watch), new Dictionary<string, string>(), work);

            var import = await MeasuredProcess.RunAsync(Program(cli), [.. Arguments(cli), "documents", "import", declarations], environment, work, CancellationToken.None);
            if (import.ExitCode != 0) throw new InvalidOperationException($"snapshots documents import failed: {import.StandardError}");
            Say($"snapshots is {cli}");
            Say($"{corpus.Documents.Count} pages, {corpus.Documents.Sum(d => (long)PolicyPageGenerator.Render(d, 0).Length) / (1024 * 1024)} MiB a cycle");

            var rows = new List<(Cycle Cycle, ProcessCost Urlwatch, ProcessCost Snapshots)>();
            for (var i = 0; i < Cycles.Length; i++)
            {
                var cycle = Cycles[i];
                await site.HonourConditionalHeadersAsync(cycle.HonourValidators);
                // Alternate who goes first, so that neither always meets a warmer machine.
                var order = i % 2 == 0 ? new[] { peer, snapshots } : [snapshots, peer];
                var costs = new Dictionary<string, ProcessCost>();
                foreach (var tool in order)
                {
                    GC.Collect();
                    var cost = await (i == 0 && tool == snapshots && options.Trace is { } trace ? Traced(tool, trace) : tool).RunAsync();
                    Say($"{cycle.Name}: {tool.Name} {cost.Wall.TotalSeconds:F1} s, peak {cost.PeakResidentBytes / (1024 * 1024)} MiB, exit {cost.ExitCode}");
                    if (cost.ExitCode != 0) Say($"  {tool.Name} said: {Last(cost.StandardError, 600)}");
                    costs[tool.Name] = cost;
                }
                rows.Add((cycle, costs["urlwatch"], costs["snapshots"]));
            }

            var report = Render(options, corpus, rows, loadBefore, MachineLoad.Read());
            Console.WriteLine(report);
            var output = options.Output ?? Path.Combine(root, "benchmarks", "results", $"peer-{options.Documents}.md");
            await File.WriteAllTextAsync(output, report);
            Say($"written to {output}");
            return rows.Any(r => r.Urlwatch.ExitCode != 0 || r.Snapshots.ExitCode != 0) ? 1 : 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private sealed record Tool(string Name, string Program, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment, string Folder)
    {
        public Task<ProcessCost> RunAsync() => MeasuredProcess.RunAsync(Program, Arguments, Environment, Folder, CancellationToken.None);
    }

    /// <summary>The tool run under dotnet-trace (sampled thread time and the runtime's GC events); its wall time then includes the tracer.</summary>
    private static Tool Traced(Tool tool, string trace)
    {
        var tracer = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-trace");
        if (!File.Exists(tracer)) tracer = OnPath("dotnet-trace") ?? throw new InvalidOperationException("--trace needs dotnet-trace: dotnet tool install -g dotnet-trace");
        Say($"tracing the first snapshots cycle into {trace}");
        return tool with
        {
            Program = tracer,
            Arguments = ["collect", "--profile", "dotnet-sampled-thread-time", "-o", trace, "--show-child-io", "false", "--", tool.Program, .. tool.Arguments],
        };
    }

    private static void WriteDeclarations(PolicyCorpus corpus, Uri baseUri, string folder)
    {
        foreach (var platform in corpus.Documents.GroupBy(d => d.PlatformName))
        {
            var json = JsonSerializer.Serialize(new
            {
                name = platform.Key,
                terms = platform.ToDictionary(d => d.TermsType, d => CorpusDeclarations.SourceOf(d, baseUri)),
            });
            File.WriteAllText(Path.Combine(folder, $"{Catalog.Slug.From(platform.Key)}.json"), json);
        }
    }

    private static string Render(PeerOptions options, PolicyCorpus corpus, IReadOnlyList<(Cycle Cycle, ProcessCost Urlwatch, ProcessCost Snapshots)> rows,
        string loadBefore, string loadAfter)
    {
        static string S(TimeSpan t) => t.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s";
        static string R(double x) => x.ToString("F2", CultureInfo.InvariantCulture);
        static string M(long bytes) => (bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + " MiB";
        var text = new StringBuilder();
        text.AppendLine($"## urlwatch and snapshots check on {corpus.Documents.Count} generated policy pages (seed {options.Seed})");
        text.AppendLine();
        text.AppendLine($"{Environment.ProcessorCount} cores; load average before: {loadBefore}; after: {loadAfter}.");
        text.AppendLine();
        text.AppendLine("| cycle | urlwatch | snapshots | ratio | urlwatch peak RSS | snapshots peak RSS | ratio |");
        text.AppendLine("|---|--:|--:|--:|--:|--:|--:|");
        foreach (var (cycle, peer, ours) in rows)
            text.AppendLine($"| {cycle.Name} | {S(peer.Wall)} | {S(ours.Wall)} | {R(ours.Wall / peer.Wall)} | {M(peer.PeakResidentBytes)} | {M(ours.PeakResidentBytes)} | " +
                            $"{R((double)ours.PeakResidentBytes / Math.Max(1, peer.PeakResidentBytes))} |");
        text.AppendLine();
        text.AppendLine("Wall time of the whole command (process start to exit). Peak RSS is VmHWM of the command's process: urlwatch's");
        text.AppendLine("SQLite cache is inside it; snapshots' store is Azurite, a separate process not counted (Azure Storage in production).");
        return text.ToString();
    }

    private static string? OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists);

    private static string Last(string text, int length) => text.Length <= length ? text.Trim() : text[^length..].Trim();

    private static void Say(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

    /// <summary>
    /// How the CLI is started: a framework-dependent dll through <c>dotnet exec</c>; the self-contained publish of
    /// <c>./snapshots</c> by its own executable (its runtime is the one published beside it, not the installed one).
    /// </summary>
    private static string Program(string cli) => cli.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? "dotnet" : cli;

    private static string[] Arguments(string cli) => cli.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? ["exec", cli] : [];
}
