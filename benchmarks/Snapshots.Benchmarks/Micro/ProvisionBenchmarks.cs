using BenchmarkDotNet.Attributes;
using Snapshots.Benchmarks.Corpus;
using Snapshots.Extraction;
using Snapshots.Provisions;

namespace Snapshots.Benchmarks.Micro;

/// <summary>
/// The provisions of one version: splitting its text, following them from the previous version after a one-sentence
/// edit, and typing every provision with the clause-type catalogue (what a first version, or a backfill, asks).
/// </summary>
[MemoryDiagnoser]
public class ProvisionBenchmarks
{
    private string _previous = "";
    private string _current = "";
    private IReadOnlyList<Provision> _provisions = [];
    private ProvisionLineageResult _first = null!;

    [Params(50, 100, 250)]
    public int PageKb { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var sample = SamplePage.OfKilobytes(PageKb);
        _previous = new DocumentExtractor().Extract(sample.Page, sample.Source);
        _current = _previous.Replace(PolicyPageGenerator.RetentionSentence(0), PolicyPageGenerator.RetentionSentence(1), StringComparison.Ordinal);
        if (_current == _previous) throw new InvalidOperationException("the retention sentence is not in the extracted text");
        _provisions = ProvisionSplitter.Split(_previous);
        _first = ProvisionLineage.Start(1, _provisions);
        ClauseClassifier.Default.Classify("warm the catalogue");
    }

    [Benchmark]
    public IReadOnlyList<Provision> Split() => ProvisionSplitter.Split(_previous);

    [Benchmark]
    public ProvisionLineageResult FollowOneSentenceEdited() =>
        ProvisionLineage.Follow(_previous, _first.Provisions, 2, _current, ProvisionSplitter.Split(_current));

    [Benchmark]
    public int ClassifyEveryProvision()
    {
        var types = 0;
        foreach (var provision in _provisions) types += ClauseClassifier.Default.Classify(provision, _previous).Count;
        return types;
    }
}
