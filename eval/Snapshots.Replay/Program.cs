using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Snapshots;
using Snapshots.Archive;
using Snapshots.Replay;

// Snapshots.Replay score REPLAY_DIR SERIES_JSON   scores the imported series against OTA's record; exit 1 if one fails
// Snapshots.Replay count SERIES_DIR               prints the number of versions of the series' document
// Storage: AzureWebJobsStorage from the environment, as for the snapshots command.
var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
await using var services = new ServiceCollection().AddSnapshots(configuration).BuildServiceProvider();
var ledger = services.GetRequiredService<VersionLedger>();

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
    foreach (var entry in settings.RootElement.GetProperty("series").EnumerateObject())
    {
        var path = Path.Combine(replayDir, entry.Name);
        if (!Directory.Exists(path)) { Console.Error.WriteLine($"{path}: series listed in {seriesFile} is missing"); return 2; }
        var folder = HistoryFolder.Read(path);
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(path, "expected.json")));
        var ours = await ledger.ListAsync(folder.NamedDocument ?? throw new InvalidOperationException($"{path}: expected.json names no document"));
        scores.Add(SeriesScorer.Score(entry.Name, folder, expected.RootElement, entry.Value, knownNoise, ours));
    }
    foreach (var extra in Directory.GetDirectories(replayDir).Select(Path.GetFileName).Where(name => !scores.Any(s => s.Series == name)))
        Console.Error.WriteLine($"warning: series {extra} is not listed in {seriesFile} and was not scored");

    ScoreTable.Write(Console.Out, scores);
    return scores.Any(s => s.Failure is not null) ? 1 : 0;
}
