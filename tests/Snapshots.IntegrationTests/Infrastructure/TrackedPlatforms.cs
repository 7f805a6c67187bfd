using Azure.Data.Tables;
using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Tracking;

using Snapshots.Subscribers;

namespace Snapshots.IntegrationTests.Infrastructure;

/// <summary>Documents declared straight into a test's catalog (nothing fetched), and versions recorded at chosen times.</summary>
public static class TrackedPlatforms
{
    /// <summary>Declares the platform's documents (https://{slug}.example/{terms-type}) and returns their ids.</summary>
    public static async Task<IReadOnlyList<DocumentId>> DeclareAsync(TestPipeline pipeline, string platform, params string[] termsTypes)
    {
        var slug = Slug.From(platform);
        var json = PolicyPages.Declaration(platform, termsTypes.Select(t => (t, new Uri($"https://{slug}.example/{Slug.From(t)}"))).ToArray());
        var ids = new List<DocumentId>();
        foreach (var document in DeclarationParser.Parse(json, $"{slug}.json").Documents)
        {
            await pipeline.Get<DocumentCatalog>().UpsertAsync(document);
            ids.Add(document.Id);
        }
        return ids;
    }

    /// <summary>Records a version of <paramref name="id"/> captured at <paramref name="capturedAt"/> through the real recorder.</summary>
    public static async Task<VersionRecord> RecordAsync(TestPipeline pipeline, DocumentId id, DateTimeOffset capturedAt, string text)
    {
        var body = System.Text.Encoding.UTF8.GetBytes($"<main>{text}</main>");
        var url = $"https://{id.Platform}.example/{id.TermsType}";
        var candidate = new VersionCandidate(id, capturedAt, text, [new CapturedSource(url, url, "text/html", "html", body)], "declaration-sha");
        var outcome = await pipeline.Get<VersionRecorder>().RecordAsync(candidate);
        return outcome.Version ?? throw new InvalidOperationException($"{id}: no version recorded ({outcome.Result})");
    }

    /// <summary>Every row of the subscribers table (profiles and follower index), as PartitionKey/RowKey.</summary>
    public static async Task<IReadOnlyList<string>> SubscriberRowsAsync(TestPipeline pipeline)
    {
        var rows = new List<string>();
        await foreach (var row in pipeline.Storage.Subscribers.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
            rows.Add($"{row.PartitionKey}/{row.RowKey}");
        return rows;
    }

    public static string IndexRow(string platform, string email) => $"{FollowerRow.PartitionOf(platform)}/{EmailAddress.Parse(email).Id}";

    public static string ProfileRow(string email) => $"{EmailAddress.Parse(email).Id}/{SubscriberRecord.ProfileRowKey}";
}
