using Snapshots.Text;
using BenchmarkDotNet.Attributes;
using Snapshots.Extraction;

namespace Snapshots.Benchmarks.Micro;

/// <summary>SHA-256 (lower-case hex, <see cref="Sha256Hex"/>) of a page's raw bytes and of its extracted text (UTF-8 encoding included).</summary>
[MemoryDiagnoser]
public class HashingBenchmarks
{
    private byte[] _raw = [];
    private string _text = "";

    [Params(50, 250, 1000)]
    public int PageKb { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var sample = SamplePage.OfKilobytes(PageKb);
        _raw = sample.Page.Body;
        _text = new DocumentExtractor().Extract(sample.Page, sample.Source);
    }

    [Benchmark]
    public string RawSha256() => Sha256Hex.Of(_raw);

    [Benchmark]
    public string TextSha256() => Sha256Hex.Of(_text);
}
