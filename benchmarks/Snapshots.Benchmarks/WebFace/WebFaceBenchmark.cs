using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Snapshots.Archive;
using Snapshots.Benchmarks.EndToEnd;
using Snapshots.Catalog;
using Snapshots.Cli.Local;
using Snapshots.Storage;
using Snapshots.Subscribers;
using Snapshots.Text;
using Snapshots.Web;

namespace Snapshots.Benchmarks.WebFace;

/// <summary>
/// <c>web [--platforms N] [--versions V] [--sections S] [--output FILE]</c>: the web face on Kestrel over an in-memory Azurite
/// holding N tracked platforms (one document each), one document with V versions, and one change of S sections; then each
/// page, feed and form that lists them is requested over HTTP: time per request (median of 5 after one warm-up), bytes
/// allocated per request in this process (the site and the client), the answer's size and status. Version rows of the long
/// document are written straight into the ledger's table (their chain is not what is measured; the pages read them as any).
/// </summary>
public static class WebFaceBenchmark
{
    private const int Repeats = 5;

    public static async Task<int> RunAsync(string[] args)
    {
        var platforms = Option(args, "--platforms", 10_000);
        var versions = Option(args, "--versions", 10_000);
        var sections = Option(args, "--sections", 5_000);
        var root = RepositoryRoot.Find() ?? throw new InvalidOperationException("run inside the repository: Azurite is started from its node_modules (npm ci)");
        var loadBefore = MachineLoad.Read();
        Say($"web: {platforms} platforms, a document of {versions} versions, a change of {sections} sections; load average {loadBefore}");

        await using var storage = await BenchmarkStorage.StartAsync(root, Say);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storage.ConnectionString,
            ["Web:PublicBaseUrl"] = "http://localhost/",
        }).Build();
        await using var site = await SnapshotsWebsite.StartAsync(configuration, "http://127.0.0.1:0");
        var services = site.Services;
        var clients = services.GetRequiredService<StorageClients>();
        await clients.EnsureCreatedAsync();

        var seeding = Stopwatch.StartNew();
        await SeedPlatformsAsync(services.GetRequiredService<DocumentCatalog>(), platforms);
        var longDocument = await SeedVersionsAsync(services, clients, versions);
        var bigChange = await SeedChangeAsync(services, clients, sections);
        var subscriber = await services.GetRequiredService<SubscriberDirectory>().AddAsync("reader@example.org", "monitor", ["platform-00042"]);
        var manage = await services.GetRequiredService<SubscriberLinks>().ManageAsync(subscriber.SubscriberId);
        var seeded = seeding.Elapsed;
        Say($"seeded in {seeded.TotalSeconds:F1} s");

        var doc = PublicSite.DocumentPath(longDocument);
        var big = PublicSite.DocumentPath(bigChange);
        var requests = new (string What, string Path)[]
        {
            ($"home page, {platforms:N0} platforms", "/"),
            ("home page, a later page", "/?page=40"),
            ($"sign-up form, {platforms:N0} platforms", "/subscribe"),
            ("manage page", manage.PathAndQuery),
            ("all-platforms feed", "/feeds/all.atom"),
            ($"document page, {versions:N0} versions", doc),
            ("document page, a later page", doc + "?page=150"),
            ($"compare 1 with {versions:N0}", $"{doc}/compare?from=1&to={versions}"),
            ($"version page, change of {sections:N0} sections", $"{big}/versions/2"),
            ("version page, part 3 of the change", $"{big}/versions/2?part=3"),
            ($"compare page, change of {sections:N0} sections", $"{big}/compare?from=1&to=2"),
            ($"API diff, change of {sections:N0} sections", $"/api/documents/{bigChange}/diff?from=1&to=2"),
        };
        using var http = new HttpClient { BaseAddress = site.Address, Timeout = TimeSpan.FromMinutes(5) };
        var rows = new List<string>();
        foreach (var (what, path) in requests)
        {
            var (status, bytes) = await GetAsync(http, path);
            var times = new List<double>();
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            for (var i = 0; i < Repeats; i++)
            {
                var watch = Stopwatch.StartNew();
                (status, bytes) = await GetAsync(http, path);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / Repeats;
            times.Sort();
            var row = $"| {what} | {status} | {times[Repeats / 2]:F0} | {times[^1]:F0} | {allocated / 1048576.0:F1} | {bytes / 1024.0:F0} |";
            rows.Add(row);
            Say(row);
        }
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;

        var report = new StringBuilder()
            .AppendLine($"# Web face at scale: {platforms:N0} platforms, {versions:N0} versions, a change of {sections:N0} sections")
            .AppendLine()
            .AppendLine($"`dotnet run -c Release --project benchmarks/Snapshots.Benchmarks -- web --platforms {platforms} --versions {versions} --sections {sections}`, " +
                        $"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average before {loadBefore}, after {MachineLoad.Read()}. " +
                        $"Seeding took {seeded.TotalSeconds:F0} s. In-memory Azurite; the site on Kestrel in this process.")
            .AppendLine()
            .AppendLine($"Each request once to warm up, then {Repeats} times: the median and slowest time, managed bytes allocated per request in this process (site and client), and the answer's size.")
            .AppendLine()
            .AppendLine("| request | status | ms median | ms max | MB allocated/request | KB answered |")
            .AppendLine("|---|---|---|---|---|---|");
        foreach (var row in rows) report.AppendLine(row);
        report.AppendLine().AppendLine($"Peak working set of the process (site, client, seeding): {peak / 1048576.0:F0} MB.");
        var output = Option(args, "--output", Path.Combine(root, "benchmarks", "results", $"web-{platforms}.md"));
        await File.WriteAllTextAsync(output, report.ToString());
        Console.WriteLine();
        Console.WriteLine(report);
        return rows.All(r => r.Contains("| 200 |", StringComparison.Ordinal)) ? 0 : 1;
    }

    private static async Task<(int Status, long Bytes)> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsByteArrayAsync();
        return ((int)response.StatusCode, body.LongLength);
    }

    private static async Task SeedPlatformsAsync(DocumentCatalog catalog, int count)
    {
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            await catalog.UpsertAsync(DeclarationParser.Parse(Declaration($"Platform {i:D5}"), $"platform-{i:D5}.json").Documents.Single(), ct);
        });
    }

    /// <summary>A document whose ledger holds <paramref name="count"/> versions, alternating between two texts.</summary>
    private static async Task<DocumentId> SeedVersionsAsync(IServiceProvider services, StorageClients clients, int count)
    {
        var texts = new[] { "# Privacy Policy\n\n## Data retention\n\nWe keep your prompts for 30 days.\n", "# Privacy Policy\n\n## Data retention\n\nWe keep your prompts for 90 days.\n" };
        var id = await DocumentAsync(services, "Long AI");
        var blobs = await BlobsAsync(services, id, texts);
        var start = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var chain = HashChain.Genesis;
        var batch = new List<TableTransactionAction>();
        for (var sequence = 1L; sequence <= count; sequence++)
        {
            var text = (int)(sequence % 2);
            var version = Version(id, sequence, start.AddHours(sequence), texts[text], blobs[text], sequence == 1 ? null : texts[1 - text], ref chain);
            batch.Add(new TableTransactionAction(TableTransactionActionType.Add, version));
            if (batch.Count == 100 || sequence == count) { await clients.Versions.SubmitTransactionAsync(batch); batch.Clear(); }
        }
        await MarkAsync(services, id, count, start.AddHours(count), chain, texts[count % 2]);
        return id;
    }

    /// <summary>A document of two versions whose change touches every one of <paramref name="sections"/> sections.</summary>
    private static async Task<DocumentId> SeedChangeAsync(IServiceProvider services, StorageClients clients, int sections)
    {
        string Text(string word) => "# Privacy Policy\n\n" + string.Concat(Enumerable.Range(0, sections).Select(i => $"## Section {i}\n\nClause {i} keeps {word} data about you for a while.\n\n"));
        var texts = new[] { Text("little"), Text("much") };
        var id = await DocumentAsync(services, "Big AI");
        var blobs = await BlobsAsync(services, id, texts);
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var chain = HashChain.Genesis;
        await clients.Versions.AddEntityAsync(Version(id, 1, at, texts[0], blobs[0], null, ref chain));
        await clients.Versions.AddEntityAsync(Version(id, 2, at.AddDays(1), texts[1], blobs[1], texts[0], ref chain));
        await MarkAsync(services, id, 2, at.AddDays(1), chain, texts[1]);
        return id;
    }

    private static async Task<DocumentId> DocumentAsync(IServiceProvider services, string platform)
    {
        var declaration = DeclarationParser.Parse(Declaration(platform), $"{Slug.From(platform)}.json").Documents.Single();
        await services.GetRequiredService<DocumentCatalog>().UpsertAsync(declaration);
        return declaration.Id;
    }

    private static async Task<string[]> BlobsAsync(IServiceProvider services, DocumentId id, string[] texts)
    {
        var archive = services.GetRequiredService<SnapshotArchive>();
        var names = new string[texts.Length];
        for (var i = 0; i < texts.Length; i++)
        {
            names[i] = $"{id}/{Sha256Hex.Of(texts[i])}.md";
            await archive.WriteOnceAsync(names[i], Encoding.UTF8.GetBytes(texts[i]), "text/markdown; charset=utf-8");
        }
        return names;
    }

    private static VersionRecord Version(DocumentId id, long sequence, DateTimeOffset at, string text, string blob, string? previous, ref string chain)
    {
        var sha = Sha256Hex.Of(text);
        var version = new VersionRecord
        {
            PartitionKey = id.VersionsPartitionKey, RowKey = VersionRecord.RowKeyOf(sequence), Sequence = sequence, CapturedAt = at,
            TextSha256 = sha, RawSha256 = sha, TextBlob = blob, PreviousTextSha256 = previous is null ? null : Sha256Hex.Of(previous),
            PreviousChainHash = chain, ChainHash = HashChain.Next(chain, sha, at), TextLength = text.Length,
        };
        chain = version.ChainHash;
        return version;
    }

    private static Task MarkAsync(IServiceProvider services, DocumentId id, long count, DateTimeOffset last, string chain, string text) =>
        services.GetRequiredService<DocumentCatalog>().UpdateAsync(id, d =>
        {
            d.VersionCount = count;
            d.LastChangedAt = last;
            d.LastCheckedAt = last;
            d.CurrentChainHash = chain;
            d.CurrentSha256 = Sha256Hex.Of(text);
            return true;
        });

    /// <summary>An Open Terms Archive declaration of the platform's privacy policy (never fetched here).</summary>
    private static string Declaration(string platform) => System.Text.Json.JsonSerializer.Serialize(new
    {
        name = platform,
        terms = new Dictionary<string, object> { ["Privacy Policy"] = new { fetch = $"https://{Slug.From(platform)}.example/privacy", select = "main" } },
    });

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }

    private static void Say(string line) => Console.Error.WriteLine(line);
}
