using BenchmarkDotNet.Attributes;
using Snapshots.Extraction;

namespace Snapshots.Benchmarks.Micro;

/// <summary>HTML to canonical Markdown (parse, select/remove, render) on generated policy pages of three sizes.</summary>
[MemoryDiagnoser]
public class ExtractionBenchmarks
{
    private readonly DocumentExtractor _extractor = new();
    private SamplePage _sample = null!;

    [Params(50, 250, 1000)]
    public int PageKb { get; set; }

    [GlobalSetup]
    public void Setup() => _sample = SamplePage.OfKilobytes(PageKb);

    [Benchmark]
    public string Extract() => _extractor.Extract(_sample.Page, _sample.Source);
}
