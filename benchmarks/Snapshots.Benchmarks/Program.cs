using System.Diagnostics;
using System.Reflection;
using BenchmarkDotNet.Running;
using Snapshots.Benchmarks.Corpus;
using Snapshots.Benchmarks.EndToEnd;
using Snapshots.Benchmarks.Site;

namespace Snapshots.Benchmarks;

/// <summary>
/// <c>micro [BenchmarkDotNet options]</c>: extraction and hashing micro benchmarks (default filter: all).
/// <c>e2e [--documents N] [--concurrency C] [--seed S] [--output FILE]</c>: the end-to-end capture cycles on Azurite.
/// <c>rendered [--pages N] [--output FILE]</c>: pages/s and peak memory, static versus rendered in headless Chromium (concurrency 1, 2, 4).
/// <c>peer [--documents N] [--seed S] [--output FILE]</c>: urlwatch and <c>snapshots check</c> on the same pages (needs urlwatch).
/// <c>stages [--documents N] [--seed S] [--output FILE]</c>: the CPU of each step of a first check, on one thread.
/// <c>lineage --replay DIR [--output FILE]</c>: provision identities followed through real history (see <see cref="Lineage.LineageReport"/>).
/// <c>web [--platforms N] [--versions V] [--sections S] [--output FILE]</c>: the web face's pages, feeds and forms at scale (see <see cref="WebFace.WebFaceBenchmark"/>).
/// <c>serve --documents N [--seed S]</c>: the corpus site, started by <c>e2e</c> in a child process.
/// </summary>
public static class Program
{
    private const string Usage = "usage: Snapshots.Benchmarks micro [--filter PATTERN ...] | e2e [--documents N] [--concurrency C] [--seed S] [--output FILE] | peer [--documents N] [--seed S] [--output FILE] | rendered [--pages N] [--output FILE] | rendered-cycles --mode before|after [--pages N] [--replay DIR] [--texts FILE] [--output FILE] | stages [--documents N] [--replay DIR] [--output FILE] | lineage --replay DIR [--output FILE] | web [--platforms N] [--versions V] [--sections S] [--output FILE]";

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0) { Console.Error.WriteLine(Usage); return 2; }
        var rest = args[1..];
        try
        {
            switch (args[0])
            {
                case "micro":
                    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest.Contains("--filter") ? rest : [.. rest, "--filter", "*"]);
                    return 0;
                case "e2e":
                    WarnIfNotOptimized();
                    return await EndToEndBenchmark.RunAsync(EndToEndOptions.Parse(rest));
                case "rendered":
                    WarnIfNotOptimized();
                    return await Rendering.RenderingBenchmark.RunAsync(rest);
                case "rendered-cycles":
                    WarnIfNotOptimized();
                    return await Rendering.RenderedCyclesBenchmark.RunAsync(rest);
                case "peer":
                    WarnIfNotOptimized();
                    return await Peer.PeerBenchmark.RunAsync(Peer.PeerOptions.Parse(rest));
                case "stages":
                    WarnIfNotOptimized();
                    return Profile.StageProfile.Run(rest);
                case "web":
                    WarnIfNotOptimized();
                    return await WebFace.WebFaceBenchmark.RunAsync(rest);
                case "lineage":
                    return Lineage.LineageReport.Run(rest);
                case "serve":
                    return await ServeAsync(EndToEndOptions.Parse(rest));
                default:
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"{e.Message}\n{Usage}");
            return 2;
        }
    }

    private static async Task<int> ServeAsync(EndToEndOptions options)
    {
        await using var site = await CorpusSite.StartAsync(new PolicyCorpus(options.Documents, options.Seed));
        Console.WriteLine($"{CorpusSiteProcess.ReadyPrefix}{site.BaseUri}");
        await Console.In.ReadToEndAsync();
        return 0;
    }

    private static void WarnIfNotOptimized()
    {
        var library = typeof(Extraction.DocumentExtractor).Assembly;
        if (library.GetCustomAttribute<DebuggableAttribute>() is { IsJITOptimizerDisabled: true })
            Console.Error.WriteLine("warning: the library is built without optimizations: run with -c Release for meaningful figures.");
    }
}
