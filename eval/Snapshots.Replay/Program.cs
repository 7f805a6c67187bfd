using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Snapshots;
using Snapshots.Replay;
using Snapshots.Archive;
using Snapshots.Changes;
using Snapshots.Tracking;

// Snapshots.Replay score REPLAY_DIR SERIES_JSON   scores the imported series against OTA's record; exit 1 if one fails
// Snapshots.Replay count SERIES_DIR               prints the number of versions of the series' document
// Storage: AzureWebJobsStorage from the environment, as for the snapshots command.
var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
await using var services = new ServiceCollection().AddSnapshots(configuration).BuildServiceProvider();
var ledger = services.GetRequiredService<VersionLedger>();
var observations = services.GetRequiredService<ObservationLog>();
var archive = services.GetRequiredService<SnapshotArchive>();
var diff = services.GetRequiredService<ChangeSummarizer>();

switch (args)
{
    case ["count", var seriesDir]:
        var named = HistoryFolder.Read(seriesDir).NamedDocument ?? throw new InvalidOperationException($"{seriesDir}: expected.json names no document");
        Console.WriteLine((await ledger.ListAsync(named)).Count);
        return 0;
    case ["score", var replayDir, var seriesFile]:
        return await ScoreAsync(replayDir, seriesFile);
    default:
        Console.Error.WriteLine("usage: Snapshots.Replay score REPLAY_DIR SERIES_JSON | count SERIES_DIR");
        return 2;
}

async Task<int> ScoreAsync(string replayDir, string seriesFile)
{
    using var settings = JsonDocument.Parse(File.ReadAllText(seriesFile));
    var knownNoise = settings.RootElement.GetProperty("knownNoise").EnumerateArray().ToList();
    var scores = new List<SeriesScore>();
    var listed = settings.RootElement.GetProperty("series");
    // Every series folder of REPLAY_DIR is scored: one listed in series.json with its settings, any other from its
    // expected.json (see SeriesScorer). A listed series that is absent is only mentioned, so the same
    // evaluation runs on other sets of series.
    foreach (var path in Directory.GetDirectories(replayDir).Order(StringComparer.Ordinal))
    {
        var name = Path.GetFileName(path);
        if (!File.Exists(Path.Combine(path, "expected.json"))) { Console.Error.WriteLine($"{path}: no expected.json, not scored"); continue; }
        var entry = listed.TryGetProperty(name, out var known) ? known : default;
        if (entry.ValueKind == JsonValueKind.Undefined) Console.Error.WriteLine($"note: series {name} is not in {seriesFile}: scored from its expected.json (\"Noise\"/\"Stable\" descriptions as noise, others as real changes)");
        var folder = HistoryFolder.Read(path);
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(path, "expected.json")));
        var document = folder.NamedDocument ?? throw new InvalidOperationException($"{path}: expected.json names no document");
        var ours = await ledger.ListAsync(document);
        scores.Add(SeriesScorer.Score(name, folder, expected.RootElement, entry, knownNoise, ours) with
        {
            FlipsFolded = (await observations.ListAsync(document)).Count,
            Chrome = ChromeCount.Of(folder, document, folder.TermsType ?? document.TermsType),
            EmptyDiffs = await EmptyDiffsAsync(ours),
        });
    }
    foreach (var absent in listed.EnumerateObject().Select(e => e.Name).Where(name => !scores.Any(s => s.Series == name)))
        Console.Error.WriteLine($"note: series {absent} of {seriesFile} is not in {replayDir}");

    ScoreTable.Write(Console.Out, scores);
    return scores.Any(s => s.Failure is not null) ? 1 : 0;
}

// Every recorded version's diff from the version before it must show something (what `snapshots diff` prints).
async Task<IReadOnlyList<long>> EmptyDiffsAsync(IReadOnlyList<VersionRecord> versions)
{
    var empty = new List<long>();
    for (var i = 1; i < versions.Count; i++)
        if (!diff.ShowsChange(await archive.ReadTextAsync(versions[i - 1].TextBlob), await archive.ReadTextAsync(versions[i].TextBlob)))
            empty.Add(versions[i].Sequence);
    return empty;
}
