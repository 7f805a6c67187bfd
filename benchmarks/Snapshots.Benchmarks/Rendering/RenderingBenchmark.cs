using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Snapshots.Catalog;
using Snapshots.Extraction;
using Snapshots.Fetching;

namespace Snapshots.Benchmarks.Rendering;

/// <summary>
/// <c>rendered [--pages N] [--output FILE]</c>: pages per second and peak resident memory (this process plus the browser
/// it starts) of fetching and extracting N loopback policy pages, statically and rendered in headless Chromium, at page
/// concurrency 1, 2 and 4. Rendering runs with the shipped settings (a network-idle wait of up to 2 s after the selectors)
/// and with that wait off. The browser is started before timing; its start time is reported apart. One unreported static
/// pass warms the process up first.
/// </summary>
public static class RenderingBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var pages = 50;
        string? output = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--pages" && i + 1 < args.Length) pages = int.Parse(args[++i], CultureInfo.InvariantCulture);
            else if (args[i] == "--output" && i + 1 < args.Length) output = args[++i];
            else throw new ArgumentException($"unknown option {args[i]}");
        }

        await using var site = await ScriptedPageSite.StartAsync(pages);
        await MeasureAsync(site, pages, 1, Mode.Static); // warm-up (JIT, connection pool), not reported
        var rows = new List<string>();
        foreach (var concurrency in new[] { 1, 2, 4 })
        {
            rows.Add(await MeasureAsync(site, pages, concurrency, Mode.Static));
            rows.Add(await MeasureAsync(site, pages, concurrency, Mode.Rendered));
            rows.Add(await MeasureAsync(site, pages, concurrency, Mode.RenderedNoIdleWait));
        }

        var report = new StringBuilder()
            .AppendLine($"# Rendered pages: {pages} loopback pages, fetch + extraction")
            .AppendLine()
            .AppendLine($"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores with `dotnet run -c Release --project benchmarks/Snapshots.Benchmarks -- rendered --pages {pages}`. "
                + "The machine is shared with other builds and test runs: figures are noisy, compare rows of one run only.")
            .AppendLine()
            .AppendLine("| concurrency | mode | pages/s | ms/page p50 / p95 | browser start | peak memory (process + browser) |")
            .AppendLine("|--:|---|--:|--:|--:|--:|");
        foreach (var row in rows) report.AppendLine(row);
        Console.WriteLine(report);
        if (output is not null) await File.WriteAllTextAsync(output, report.ToString());
        return 0;
    }

    private enum Mode { Static, Rendered, RenderedNoIdleWait }

    private static async Task<string> MeasureAsync(ScriptedPageSite site, int pages, int concurrency, Mode mode)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Fetch:AllowPrivateNetworks"] = "true",
            ["Fetch:Browser:MaxConcurrentPages"] = concurrency.ToString(CultureInfo.InvariantCulture),
            ["Fetch:Browser:NetworkIdleWait"] = mode == Mode.RenderedNoIdleWait ? "00:00:00" : "00:00:02",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        await using var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)).AddSnapshotsFetching(configuration).BuildServiceProvider();
        var renderer = services.GetRequiredService<BrowserRenderer>();
        var extractor = new DocumentExtractor();
        var scripted = mode != Mode.Static;
        SourceDeclaration Source(int n) => new(site.Url(scripted, n).AbsoluteUri, [new CssSelector("#policy")], [new CssSelector("nav")]) { ExecuteClientScripts = scripted };

        var memory = ProcessTreeMemory.Start();
        var startTime = "—";
        if (scripted)
        {
            var launch = Stopwatch.StartNew();
            await renderer.RenderAsync(Source(1), CancellationToken.None);
            startTime = $"{launch.Elapsed.TotalSeconds:F1} s (with 1st page)";
        }

        var cycle = services.GetRequiredService<FetchCycle>();
        var times = new double[pages];
        var wall = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(1, pages), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (n, ct) =>
        {
            var clock = Stopwatch.StartNew();
            var source = Source(n);
            var page = await cycle.FetchAsync(source, null, ct);
            var text = extractor.Extract(page, source);
            if (!text.Contains($"for purpose {n} and", StringComparison.Ordinal)) throw new InvalidOperationException($"page {n}: the text is not the page's ({text.Length} characters)");
            times[n - 1] = clock.Elapsed.TotalMilliseconds;
        });
        wall.Stop();
        var peak = await memory.StopAsync();
        Array.Sort(times);
        var label = mode switch { Mode.Static => "static (no browser)", Mode.Rendered => "rendered", _ => "rendered, no idle wait" };
        return $"| {concurrency} | {label} | {pages / wall.Elapsed.TotalSeconds:F1} | {times[pages / 2]:F0} / {times[(int)(pages * 0.95)]:F0} | {startTime} | {peak / 1024.0 / 1024.0:F0} MiB |";
    }
}
