using Azure.Data.Tables;
using Snapshots.Archive;
using Snapshots.IntegrationTests.Infrastructure;

namespace Snapshots.IntegrationTests.Hostile;

/// <summary>
/// Evidence altered behind the pipeline's back, one field or blob at a time: <c>snapshots verify</c> must name each, never
/// say "every hash, chain link and timestamp token matches".
/// </summary>
[Trait("Category", "Hostile")]
public sealed class EvidenceTamperProbes
{
    private static readonly string First = PolicyPages.Privacy(PolicyPages.Retention);
    private static readonly string Changed = PolicyPages.Privacy(PolicyPages.Retention + PolicyPages.Training);

    [Fact]
    public async Task A_byte_flipped_anywhere_inside_a_stored_timestamp_token_is_named()
    {
        await using var t = await TrackedSite.StartTimestampedAsync();
        var id = await t.TrackPrivacyPolicyAsync(First);
        await t.CheckAsync(id);
        await t.DrainTimestampsAsync();
        var version = Assert.Single(await t.Ledger.ListAsync(id));
        var blob = t.Pipeline.Storage.Snapshots.GetBlobClient(SnapshotArchive.TimestampBlobName(id, version.ChainHash));
        var original = (await blob.DownloadContentAsync()).Value.Content.ToArray();
        var verifier = t.Pipeline.Get<ArchiveVerifier>();

        // Every byte in turn (the independent probe flipped bytes 1200 and 1500 of a 2309-byte token: inside the certificates
        // it carries, which the signature does not cover).
        var passed = new List<int>();
        for (var offset = 0; offset < original.Length; offset++)
        {
            var token = original.ToArray();
            token[offset] ^= 0x01;
            await blob.UploadAsync(BinaryData.FromBytes(token), overwrite: true);
            if ((await verifier.VerifyAsync(id)).Passed) passed.Add(offset);
        }

        Assert.True(passed.Count == 0, $"verify passed the token with one byte flipped at {passed.Count} of {original.Length} offsets: {string.Join(", ", passed.Take(40))}");
        var flipped = original.ToArray();
        flipped[original.Length * 1200 / 2309] ^= 0x01;
        await blob.UploadAsync(BinaryData.FromBytes(flipped), overwrite: true);
        var (exit, output) = await new CliRunner(t.Pipeline.Configuration).RunAsync("verify");
        Assert.True(exit == 1, output);
        Assert.Contains($"timestamp token snapshots/{blob.Name}", output);
        Assert.DoesNotContain("every hash, chain link and timestamp token matches", output);
    }

    [Fact]
    public async Task A_deleted_document_row_whose_ledger_and_blobs_remain_is_named_and_repair_restores_it()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackAsync("Example AI", "Privacy Policy", "/privacy", First);
        await t.CheckAsync(id);
        t.Site.Page("/privacy", Changed);
        await t.CheckAsync(id);
        var before = await t.Catalog.GetAsync(id);
        var declarations = Path.Combine(Directory.CreateTempSubdirectory("snapshots-declarations-").FullName, "example-ai.json");
        File.WriteAllText(declarations, PolicyPages.Declaration("Example AI", ("Privacy Policy", t.Site.Url("/privacy"))));
        await t.Pipeline.Storage.Documents.DeleteEntityAsync(before.PartitionKey, before.RowKey);
        var cli = new CliRunner(t.Pipeline.Configuration);

        var (exit, output) = await cli.RunAsync("verify");

        Assert.True(exit == 1, output);
        Assert.Contains($"{id}: the ledger has 2 versions but the document row is missing", output);

        var repaired = await cli.RunAsync("verify", "--repair", "--declarations", declarations);
        Assert.True(repaired.ExitCode == 0, repaired.Output);
        Assert.Contains($"repaired {id}: document row restored", repaired.Output);
        var after = await t.Catalog.GetAsync(id);
        Assert.Equal(2, after.VersionCount);
        Assert.Equal(before.CurrentSha256, after.CurrentSha256);
        Assert.Equal(before.CurrentChainHash, after.CurrentChainHash);
        Assert.Equal(before.DeclarationSha256, after.DeclarationSha256);
    }

    [Fact]
    public async Task A_source_url_changed_in_a_versions_raw_source_list_is_named()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackAsync("Example AI", "Privacy Policy", "/privacy", First);
        await t.CheckAsync(id);
        var version = Assert.Single(await t.Pipeline.Get<VersionLedger>().ListAsync(id));
        var source = Assert.Single(version.RawSources());
        await MergeAsync(t.Pipeline, version, nameof(VersionRecord.RawSourcesJson),
            version.RawSourcesJson.Replace(source.Url, "https://forged.example/privacy", StringComparison.Ordinal));

        var (exit, output) = await new CliRunner(t.Pipeline.Configuration).RunAsync("verify");

        Assert.True(exit == 1, output);
        Assert.Contains($"{id} version 1:", output);
        Assert.Contains("sources", output);
    }

    [Fact]
    public async Task Origin_changed_from_live_to_import_is_named()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackAsync("Example AI", "Privacy Policy", "/privacy", First);
        await t.CheckAsync(id);
        var version = Assert.Single(await t.Pipeline.Get<VersionLedger>().ListAsync(id));
        Assert.Equal("live", version.Origin);
        await MergeAsync(t.Pipeline, version, nameof(VersionRecord.Origin), "import");

        var (exit, output) = await new CliRunner(t.Pipeline.Configuration).RunAsync("verify");

        Assert.True(exit == 1, output);
        Assert.Contains($"{id} version 1:", output);
        Assert.Contains("origin", output);
    }

    [Fact]
    public async Task The_version_page_gives_verifys_verdict_on_a_forged_origin()
    {
        await using var host = await WebTestHost.StartAsync();
        var id = await host.TrackAsync("Example AI", "Privacy Policy", "/privacy", First);
        await host.CheckAsync(id);
        var version = Assert.Single(await host.Pipeline.Get<VersionLedger>().ListAsync(id));
        using var http = new HttpClient { BaseAddress = host.BaseUri };
        Assert.Contains("Integrity only:", await http.GetStringAsync($"/platforms/{id}/versions/1"));
        await MergeAsync(host.Pipeline, version, nameof(VersionRecord.Origin), "import");

        var page = await http.GetStringAsync($"/platforms/{id}/versions/1");

        Assert.Contains("Not verified", page);
        Assert.DoesNotContain("Integrity only:", page);
    }

    [Fact]
    public async Task A_deleted_token_with_the_rows_timestamp_fields_cleared_is_named_not_called_untimestamped()
    {
        // Checked after the grace a pending token is allowed (Evidence:PendingTokenGrace, a day by default; none here).
        await using var t = await TrackedSite.StartTimestampedAsync(new() { ["Evidence:PendingTokenGrace"] = "00:00:00" });
        var id = await t.TrackPrivacyPolicyAsync(First);
        await t.CheckAsync(id);
        await t.DrainTimestampsAsync();
        var version = Assert.Single(await t.Ledger.ListAsync(id));
        Assert.True(version.IsTimestamped);
        await t.Pipeline.Storage.Snapshots.DeleteBlobAsync(SnapshotArchive.TimestampBlobName(id, version.ChainHash));
        var row = await t.Pipeline.Storage.Versions.GetEntityAsync<TableEntity>(version.PartitionKey, version.RowKey);
        foreach (var field in row.Value.Keys.Where(k => k.StartsWith("Timestamp", StringComparison.Ordinal) && k != "Timestamp").ToList())
            row.Value.Remove(field);
        await t.Pipeline.Storage.Versions.UpdateEntityAsync(row.Value, Azure.ETag.All, TableUpdateMode.Replace);
        Assert.False((await t.Ledger.GetAsync(id, 1)).IsTimestamped);

        var (exit, output) = await new CliRunner(t.Pipeline.Configuration).RunAsync("verify");

        Assert.True(exit == 1, output);
        Assert.Contains($"{id} version 1:", output);
        Assert.DoesNotContain("not a fault", output);
    }

    [Fact]
    public async Task A_last_row_rewritten_with_a_forged_origin_and_relinked_in_the_old_chain_format_is_named()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackAsync("Example AI", "Privacy Policy", "/privacy", First);
        await t.CheckAsync(id);
        t.Site.Page("/privacy", Changed);
        await t.CheckAsync(id);
        var last = (await t.Pipeline.Get<VersionLedger>().ListAsync(id))[^1];
        Assert.Equal("live", last.Origin);

        // The forger changes the origin and recomputes the link the way rows were linked before evidence was bound, claiming
        // that old format, and points the document row at the new hash: every link and count then agrees.
        var row = (await t.Pipeline.Storage.Versions.GetEntityAsync<TableEntity>(last.PartitionKey, last.RowKey)).Value;
        row.Remove("ChainFormat");
        row.Remove("TimestampRequested");
        row["Origin"] = "import";
        var forged = HashChain.Next(last.PreviousChainHash, last.TextSha256, last.CapturedAt);
        row["ChainHash"] = forged;
        await t.Pipeline.Storage.Versions.UpdateEntityAsync(row, Azure.ETag.All, TableUpdateMode.Replace);
        var document = await t.Catalog.GetAsync(id);
        await t.Pipeline.Storage.Documents.UpdateEntityAsync(new TableEntity(document.PartitionKey, document.RowKey) { ["CurrentChainHash"] = forged }, Azure.ETag.All, TableUpdateMode.Merge);

        var (exit, output) = await new CliRunner(t.Pipeline.Configuration).RunAsync("verify");

        Assert.True(exit == 1, output);
        Assert.Contains($"{id} version 2:", output);
        Assert.Contains("format", output);
    }

    private static async Task MergeAsync(TestPipeline pipeline, VersionRecord version, string field, string value) =>
        await pipeline.Storage.Versions.UpdateEntityAsync(new TableEntity(version.PartitionKey, version.RowKey) { [field] = value }, Azure.ETag.All, TableUpdateMode.Merge);
}
