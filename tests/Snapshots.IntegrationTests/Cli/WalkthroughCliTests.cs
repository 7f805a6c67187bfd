using Snapshots.Archive;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Subscribers;

namespace Snapshots.IntegrationTests.Cli;

/// <summary>What a new user meets in the README's walk-through: exit codes, ids, version arguments, removal, one subscriber per person.</summary>
public sealed class WalkthroughCliTests
{
    [Theory]
    [InlineData("verify", "nope/doc")]
    [InlineData("history", "nope/doc")]
    [InlineData("show", "nope/doc")]
    [InlineData("diff", "nope/doc")]
    [InlineData("cite", "nope/doc")]
    [InlineData("check", "--document", "nope/doc")]
    [InlineData("check", "--platform", "nope")]
    [InlineData("documents", "remove", "nope/doc")]
    [InlineData("documents", "remove", "--platform", "nope")]
    public async Task An_unknown_document_or_platform_is_refused_with_exit_code_2(params string[] args)
    {
        await using var t = await TrackedSite.StartAsync();

        var (exit, output) = await new CliRunner(t.Pipeline.Configuration).RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Contains("unknown", output);
        Assert.DoesNotContain("verified", output);
    }

    [Theory]
    [InlineData("documents", "lst")]
    [InlineData("history", "a/b", "c", "d")]
    [InlineData("check", "--no-such-option")]
    [InlineData("documents")]
    public async Task A_parser_error_exits_2(params string[] args)
    {
        await using var t = await TrackedSite.StartAsync();

        var (exit, _) = await new CliRunner(t.Pipeline.Configuration).RunAsync(args);

        Assert.Equal(2, exit);
    }

    [Fact]
    public async Task Versions_can_be_named_latest_first_or_counted_back_and_a_document_without_versions_says_so()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        var cli = new CliRunner(t.Pipeline.Configuration);

        var none = await cli.RunAsync("cite", id.ToString());
        await t.CheckAsync(id);
        t.Site.Page("/privacy", PolicyPages.Privacy(PolicyPages.Retention.Replace("30 days", "90 days")));
        await t.CheckAsync(id);
        var ledger = await t.Pipeline.Get<VersionLedger>().ListAsync(id);

        Assert.Equal(2, none.ExitCode);
        Assert.Contains("has no version yet", none.Output);
        Assert.Contains(ledger[1].TextSha256, (await cli.RunAsync("cite", id.ToString(), "latest")).Output);
        Assert.Contains(ledger[0].TextSha256, (await cli.RunAsync("cite", id.ToString(), "first")).Output);
        Assert.Contains(ledger[1].TextSha256, (await cli.RunAsync("cite", id.ToString(), "-1")).Output);
        Assert.Contains(ledger[0].TextSha256, (await cli.RunAsync("cite", id.ToString(), "-2")).Output);
        var diff = await cli.RunAsync("diff", id.ToString(), "first", "latest");
        Assert.Equal(0, diff.ExitCode);
        Assert.Contains("version 1 → 2", diff.Output);
        Assert.Contains("90 days", (await cli.RunAsync("show", id.ToString(), "latest")).Output);
        var beyond = await cli.RunAsync("show", id.ToString(), "3");
        Assert.Equal(2, beyond.ExitCode);
        Assert.Contains("versions 1 to 2", beyond.Output);
        Assert.Equal(2, (await cli.RunAsync("show", id.ToString(), "newest")).ExitCode);
    }

    [Fact]
    public async Task Remove_refuses_a_document_with_history_unless_asked_and_then_says_what_went()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        var empty = await t.TrackAsync("Example AI", "Terms of Service", "/terms", PolicyPages.Privacy(PolicyPages.Training));
        await t.CheckAsync(id);
        var blobs = await t.BlobCountAsync();
        var cli = new CliRunner(t.Pipeline.Configuration);

        var refused = await cli.RunAsync("documents", "remove", "--platform", "example-ai");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("1 recorded versions", refused.Output);
        Assert.Contains("--with-history", refused.Output);
        Assert.Equal(2, (await t.Catalog.ListAsync()).Count);
        Assert.Equal(blobs, await t.BlobCountAsync());

        var removedEmpty = await cli.RunAsync("documents", "remove", empty.ToString());
        Assert.Equal(0, removedEmpty.ExitCode);
        var removed = await cli.RunAsync("documents", "remove", id.ToString(), "--with-history");

        Assert.Equal(0, removed.ExitCode);
        Assert.Contains($"1 versions and {blobs} blobs deleted", removed.Output);
        Assert.Empty(await t.Catalog.ListAsync());
        Assert.Empty(await t.Pipeline.Get<VersionLedger>().ListAsync(id));
        Assert.Equal(0, await t.BlobCountAsync());
        Assert.True((await t.Pipeline.Get<ArchiveVerifier>().VerifyAsync()).Passed);
    }

    [Fact]
    public async Task Addresses_that_differ_only_in_case_are_one_subscriber_and_mail_goes_to_the_address_as_typed()
    {
        await using var t = await TrackedSite.StartAsync();
        await t.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        var cli = new CliRunner(t.Pipeline.Configuration);

        var first = await cli.RunAsync("subscribers", "add", "You@EXAMPLE.com", "--plan", "watcher", "--follow", "example-ai");
        var second = await cli.RunAsync("subscribers", "add", "you@example.com", "--plan", "watcher", "--follow", "example-ai");
        var shown = await cli.RunAsync("subscribers", "show", "YOU@example.COM");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(2, second.ExitCode);
        Assert.Equal(0, shown.ExitCode);
        var only = Assert.Single(await t.Pipeline.Get<SubscriberDirectory>().ListAsync());
        Assert.Equal("You@example.com", only.Email);
        Assert.Single(await t.Pipeline.Get<SubscriberDirectory>().FollowersAsync("example-ai"));
    }

    [Fact]
    public async Task A_profile_keyed_the_old_way_is_still_found_and_not_duplicated()
    {
        await using var t = await TrackedSite.StartAsync();
        await t.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        var legacyId = EmailAddress.Parse("Jane.Doe@example.com").LegacyId;
        await t.Pipeline.Storage.Subscribers.AddEntityAsync(new SubscriberRecord
        {
            PartitionKey = legacyId, RowKey = SubscriberRecord.ProfileRowKey, Email = "Jane.Doe@example.com", Plan = "watcher",
            Platforms = "example-ai", AlertsEnabled = true, DigestEnabled = true, CreatedAt = DateTimeOffset.UtcNow,
        });
        var cli = new CliRunner(t.Pipeline.Configuration);

        var duplicate = await cli.RunAsync("subscribers", "add", "jane.doe@example.com", "--plan", "free", "--follow", "example-ai");
        var plan = await cli.RunAsync("subscribers", "set-plan", "JANE.DOE@example.com", "monitor");

        Assert.Equal(2, duplicate.ExitCode);
        Assert.Equal(0, plan.ExitCode);
        var only = Assert.Single(await t.Pipeline.Get<SubscriberDirectory>().ListAsync());
        Assert.Equal(legacyId, only.PartitionKey);
        Assert.Equal("monitor", only.Plan);
    }

    [Fact]
    public async Task Storage_that_cannot_be_reached_is_one_clear_line_and_exit_code_2_with_no_stack_trace()
    {
        var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var connection = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Snapshots.Cli.Local.AzuriteLauncher.DevelopmentKey};" +
            $"BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
        var configuration = TestPipeline.BuildConfiguration(connection, null);

        var (exit, output) = await new CliRunner(configuration).RunAsync("documents", "list");

        Assert.Equal(2, exit);
        Assert.StartsWith("error: cannot reach the storage account:", output.Trim());
        Assert.Single(output.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", output);
    }
}
