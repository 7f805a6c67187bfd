using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Snapshots.Catalog;
using Snapshots.Extraction;
using Snapshots.Fetching;
using Snapshots.Text;

namespace Snapshots.Benchmarks.Rendering;

/// <summary>
/// <c>rendered-cycles --mode before|after [--pages N] [--replay DIR] [--texts FILE] [--output FILE]</c>: two cycles over the
/// same rendered pages (the N scripted policy pages of <see cref="ScriptedPageSite"/>, and the latest capture of every series
/// in a replay folder served on loopback with its current declaration, rendered): a first cycle and an unchanged one. Prints
/// wall time, CPU seconds of this process and its browser tree, and peak resident memory of the tree for each, and writes
/// every page's extracted-text SHA-256 per cycle to <c>--texts</c> so that two modes can be compared (<c>benchmarks/rendered-text.sh</c>).
/// <c>before</c> is issue 25's starting point within this build: nothing but images, media and fonts blocked, a 500 ms
/// network-quiet window (Playwright's network-idle), no memory bound, and every check rendered (Capture:FullRenderEveryChecks 0);
/// <c>after</c> is the shipped settings: trackers and beacons blocked, a 250 ms quiet window, and the unchanged cycle
/// revalidating what the first cycle's renders loaded instead of rendering, and taking no screenshot of a render whose DOM is
/// the first cycle's (as a check does with the DOM it last verified, <see cref="ConditionalRequest.VerifiedSha256"/>).
/// </summary>
public static class RenderedCyclesBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var pages = 20;
        string? mode = null, replay = null, texts = null, output = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--pages" && i + 1 < args.Length) pages = int.Parse(args[++i], CultureInfo.InvariantCulture);
            else if (args[i] == "--mode" && i + 1 < args.Length) mode = args[++i];
            else if (args[i] == "--replay" && i + 1 < args.Length) replay = args[++i];
            else if (args[i] == "--texts" && i + 1 < args.Length) texts = args[++i];
            else if (args[i] == "--output" && i + 1 < args.Length) output = args[++i];
            else throw new ArgumentException($"unknown option {args[i]}");
        }
        if (mode is not ("before" or "after")) throw new ArgumentException("--mode must be before or after");
        var after = mode == "after";

        await using var site = await ScriptedPageSite.StartAsync(pages);
        await using var replaySite = replay is null ? null : await ReplaySite.StartAsync(replay);
        var sources = Enumerable.Range(1, pages)
            .Select(n => ($"scripted/{n}", new SourceDeclaration(site.Url(true, n).AbsoluteUri, [new CssSelector("#policy")], [new CssSelector("nav")]) { ExecuteClientScripts = true }))
            .Concat(replaySite?.Sources ?? [])
            .ToList();

        var settings = new Dictionary<string, string?>
        {
            ["Fetch:AllowPrivateNetworks"] = "true",
            ["Fetch:Browser:BlockTrackers"] = after ? "true" : "false",
            ["Fetch:Browser:NetworkQuietWindow"] = after ? "00:00:00.250" : "00:00:00.500",
            ["Fetch:Browser:MemoryPerPage"] = after ? (256L * 1024 * 1024).ToString(CultureInfo.InvariantCulture) : "0",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        await using var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Error)).AddSnapshotsFetching(configuration).BuildServiceProvider();
        var renderer = services.GetRequiredService<BrowserRenderer>();
        var revalidator = services.GetRequiredService<RenderRevalidator>();
        var extractor = new DocumentExtractor();
        var lines = new List<string>();
        var rows = new List<string>();
        var inputs = new RenderInputs?[sources.Count];
        var verified = new string?[sources.Count];
        var memory = ProcessTreeMemory.Start();
        foreach (var cycle in new[] { "first", "unchanged" })
        {
            var fetches = new FetchCycle(services.GetRequiredService<PageFetcher>(), renderer, revalidator: revalidator);
            var cpu = ProcessTreeCpu.Seconds();
            var opened = renderer.PagesOpened;
            var results = new string[sources.Count];
            var wall = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, sources.Count), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (i, ct) =>
            {
                var (name, source) = sources[i];
                var conditional = cycle == "unchanged" && after ? new ConditionalRequest(null, null, inputs[i], verified[i]) : null;
                try
                {
                    var page = await fetches.FetchAsync(source, conditional, ct);
                    inputs[i] ??= page.Inputs;
                    if (cycle == "first") verified[i] = Sha256Hex.Of(page.Body);
                    // Links are absolute: the loopback port, new in every run, is taken out so that runs compare.
                    results[i] = page.NotModified ? "not rendered (revalidated)"
                        : Sha256Hex.Of(extractor.Extract(page, source).Replace(new Uri(source.Fetch).GetLeftPart(UriPartial.Authority), "http://loopback", StringComparison.Ordinal));
                }
                catch (Exception e) when (e is FetchException or ExtractionException)
                {
                    results[i] = "failed: " + e.Message.Split('\n')[0];
                }
            });
            wall.Stop();
            var used = ProcessTreeCpu.Seconds() - cpu;
            for (var i = 0; i < sources.Count; i++) lines.Add($"{cycle}\t{sources[i].Item1}\t{results[i]}");
            var rendered = renderer.PagesOpened - opened;
            rows.Add($"| {mode} | {cycle} | {sources.Count} | {rendered} | {wall.Elapsed.TotalSeconds:F1} s | {used:F1} s | {used / sources.Count:F2} |");
        }
        var peak = await memory.StopAsync();
        var report = new StringBuilder()
            .AppendLine($"| mode | cycle | pages | rendered | wall | CPU (process + browser) | CPU-s per page |")
            .AppendLine("|---|---|--:|--:|--:|--:|--:|");
        foreach (var row in rows) report.AppendLine(row);
        report.AppendLine().AppendLine($"peak resident memory (process + browser, both cycles): {peak / 1024.0 / 1024.0:F0} MiB; "
            + $"revalidatable pages after the first cycle: {inputs.Count(i => i is not null)} of {sources.Count}");
        Console.WriteLine(report);
        if (texts is not null) await File.WriteAllLinesAsync(texts, lines);
        if (output is not null) await File.AppendAllTextAsync(output, report.ToString());
        return 0;
    }

    /// <summary>The latest capture of each replay series, served as a page of its own, with its current declaration (rendered).</summary>
    private sealed class ReplaySite : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private ReplaySite(WebApplication app, List<(string, SourceDeclaration)> sources)
        {
            _app = app;
            Sources = sources;
        }

        public IReadOnlyList<(string, SourceDeclaration)> Sources { get; }

        public static async Task<ReplaySite> StartAsync(string folder)
        {
            var bodies = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            app.MapGet("/replay/{name}", (string name) => bodies.TryGetValue(name, out var body) ? Results.Bytes(body, "text/html; charset=utf-8") : Results.NotFound());
            await app.StartAsync();
            var baseUri = new Uri(app.Urls.First() + "/");
            var sources = new List<(string, SourceDeclaration)>();
            foreach (var series in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(series);
                var capture = Directory.GetFiles(Path.Combine(series, "captures"), "*.html*").Order(StringComparer.Ordinal).LastOrDefault();
                if (capture is null) continue;
                await using (var file = File.OpenRead(capture))
                await using (var copy = new MemoryStream())
                {
                    if (capture.EndsWith(".gz", StringComparison.Ordinal)) { await using var gz = new GZipStream(file, CompressionMode.Decompress); await gz.CopyToAsync(copy); }
                    else await file.CopyToAsync(copy);
                    bodies[name] = copy.ToArray();
                }
                var declarations = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(series, "declarations.json"))).RootElement;
                var current = declarations[declarations.GetArrayLength() - 1];
                var json = JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["name"] = "Replay",
                    ["terms"] = new Dictionary<string, object>
                    {
                        ["Terms of Service"] = new Dictionary<string, object?>
                        {
                            ["fetch"] = new Uri(baseUri, $"replay/{name}").AbsoluteUri,
                            ["select"] = current.TryGetProperty("select", out var select) ? select : null,
                            ["remove"] = current.TryGetProperty("remove", out var remove) ? remove : null,
                            ["executeClientScripts"] = true,
                        }.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value),
                    },
                });
                sources.Add(($"replay/{name}", DeclarationParser.Parse(json, $"{name}.json").Documents[0].Sources[0]));
            }
            return new ReplaySite(app, sources);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

/// <summary>CPU seconds (user + system, with reaped children's) of this process and every live descendant, read from /proc.</summary>
internal static class ProcessTreeCpu
{
    public static double Seconds()
    {
        var stats = new Dictionary<int, (int Parent, long Ticks)>();
        foreach (var folder in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                // fields[0] is state (field 3): utime, stime, cutime, cstime are fields 14-17.
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)
                    + long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
                stats[pid] = (int.Parse(fields[1], CultureInfo.InvariantCulture), ticks);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException) { }
        }
        var tree = new HashSet<int> { Environment.ProcessId };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var (pid, (parent, _)) in stats)
                if (tree.Contains(parent) && tree.Add(pid)) grew = true;
        }
        return tree.Sum(pid => stats.TryGetValue(pid, out var s) ? s.Ticks : 0) / 100.0;
    }
}
