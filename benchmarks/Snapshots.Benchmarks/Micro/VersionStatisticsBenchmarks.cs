using BenchmarkDotNet.Attributes;
using Snapshots.Benchmarks.Corpus;
using Snapshots.Changes;
using Snapshots.Extraction;

namespace Snapshots.Benchmarks.Micro;

/// <summary>
/// The change statistics computed for every recorded version (<see cref="ChangeStatistics.Compare"/>, called by
/// <c>VersionRecorder</c>): against nothing for a first version, and against the previous text after a one-sentence edit.
/// </summary>
[MemoryDiagnoser]
public class VersionStatisticsBenchmarks
{
    private readonly ChangeStatistics _statistics = new(new ChangeSummarizer());
    private string _previous = "";
    private string _current = "";

    [Params(50, 250, 1000)]
    public int PageKb { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var sample = SamplePage.OfKilobytes(PageKb);
        _previous = new DocumentExtractor().Extract(sample.Page, sample.Source);
        _current = _previous.Replace(PolicyPageGenerator.RetentionSentence(0), PolicyPageGenerator.RetentionSentence(1), StringComparison.Ordinal);
        if (_current == _previous) throw new InvalidOperationException("the retention sentence is not in the extracted text");
    }

    [Benchmark]
    public VersionStatistics FirstVersion() => _statistics.Compare(null, _previous);

    [Benchmark]
    public VersionStatistics OneSentenceEdited() => _statistics.Compare(_previous, _current);

    /// <summary>The topic matchers over every paragraph, which is what a first version's summary asks of them.</summary>
    [Benchmark]
    public IReadOnlyList<string> TopicsOfWholeText() => TopicClassifier.Default.Classify(_previous.Split("\n\n"));
}
