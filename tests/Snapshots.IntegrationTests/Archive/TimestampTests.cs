using Snapshots.Archive;
using Snapshots.Tracking;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Storage;

namespace Snapshots.IntegrationTests.Archive;

/// <summary>RFC 3161 timestamps through the real timestamps queue on Azurite, from a loopback authority built on openssl ts.</summary>
public sealed class TimestampTests
{
    [Fact]
    public async Task A_recorded_version_gets_a_token_through_the_queue_that_verify_checks_and_the_citation_shows()
    {
        await using var t = await TrackedSite.StartTimestampedAsync();
        var id = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));
        Assert.Equal(CaptureStatus.First, (await t.CheckAsync(id)).Status);

        Assert.Equal(1, await t.DrainTimestampsAsync());

        var version = Assert.Single(await t.Ledger.ListAsync(id));
        Assert.True(version.IsTimestamped);
        Assert.Equal(t.Authority.Url.AbsoluteUri, version.TimestampAuthority);
        Assert.Equal(LoopbackTimestampAuthority.SignerName, version.TimestampSigner);
        Assert.InRange(version.TimestampGenTime!.Value, version.CapturedAt.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.True(await t.TokenStoredAsync(version));
        var report = await t.Pipeline.Get<ArchiveVerifier>().VerifyAsync();
        Assert.True(report.Passed, string.Join("\n", report.Problems));
        Assert.Equal(1, report.TokensChecked);
        Assert.Empty(report.Untimestamped);

        var cite = await new CliRunner(t.Pipeline.Configuration).RunAsync("cite", id.ToString());
        Assert.Contains($"timestamped by {LoopbackTimestampAuthority.SignerName} at {HashChain.FormatTime(version.TimestampGenTime.Value)}", cite.Output);
        var history = await new CliRunner(t.Pipeline.Configuration).RunAsync("history", id.ToString());
        Assert.Contains($"timestamped by {LoopbackTimestampAuthority.SignerName}", history.Output);

        // A second delivery of the same request changes nothing and asks the authority nothing.
        var replies = t.Authority.Replies;
        await t.Pipeline.Get<TimestampQueue>().RequestAsync(version, CancellationToken.None);
        Assert.Equal(1, await t.DrainTimestampsAsync());
        Assert.Equal(replies, t.Authority.Replies);

        // The row's timestamp time rewritten: verify says the row is not the token.
        var row = await t.Ledger.GetAsync(id, 1);
        row.TimestampGenTime = row.TimestampGenTime!.Value.AddHours(-1);
        await t.Pipeline.Storage.Versions.UpdateEntityAsync(row, row.ETag);
        var rewritten = await t.Pipeline.Get<ArchiveVerifier>().VerifyAsync();
        Assert.Contains(rewritten.Problems, p => p.Sequence == 1 && p.Problem.Contains("the row's timestamp") && p.Problem.Contains("is not the token's"));
        row = await t.Ledger.GetAsync(id, 1);
        row.TimestampGenTime = version.TimestampGenTime;
        await t.Pipeline.Storage.Versions.UpdateEntityAsync(row, row.ETag);

        // One byte of the stored token altered: verify names the token.
        var blob = t.Pipeline.Storage.Snapshots.GetBlobClient(SnapshotArchive.TimestampBlobName(id, version.ChainHash));
        var token = (await blob.DownloadContentAsync()).Value.Content.ToArray();
        token[^40] ^= 0x01;
        await blob.UploadAsync(BinaryData.FromBytes(token), overwrite: true);
        var tampered = await t.Pipeline.Get<ArchiveVerifier>().VerifyAsync();
        Assert.False(tampered.Passed);
        Assert.Contains(tampered.Problems, p => p.Sequence == 1 && p.Problem.Contains($"timestamp token snapshots/{blob.Name}"));
    }

    [Fact]
    public async Task With_the_authority_down_the_capture_is_recorded_and_the_token_arrives_after_it_comes_back()
    {
        await using var t = await TrackedSite.StartTimestampedAsync();
        await t.Authority.StopAsync();
        var id = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));

        var outcome = await t.CheckAsync(id);

        Assert.Equal(CaptureStatus.First, outcome.Status);
        Assert.True(await t.DrainTimestampsAsync() >= 1); // handled: no token, asked again later
        var version = Assert.Single(await t.Ledger.ListAsync(id));
        Assert.False(version.IsTimestamped);
        Assert.False(await t.TokenStoredAsync(version));
        var pending = await t.Pipeline.Get<ArchiveVerifier>().VerifyAsync();
        Assert.True(pending.Passed, string.Join("\n", pending.Problems));
        Assert.Equal([(id, 1L)], pending.Untimestamped);
        Assert.Equal(1, (await t.Pipeline.Storage.Queue(QueueNames.Timestamps).GetPropertiesAsync()).Value.ApproximateMessagesCount);

        await t.Authority.StartAgainAsync();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (!(await t.Ledger.GetAsync(id, 1)).IsTimestamped && DateTimeOffset.UtcNow < deadline)
        {
            await t.DrainTimestampsAsync();
            await Task.Delay(100);
        }

        var timestamped = await t.Ledger.GetAsync(id, 1);
        Assert.True(timestamped.IsTimestamped);
        Assert.True(timestamped.TimestampGenTime > version.CapturedAt);
        var report = await t.Pipeline.Get<ArchiveVerifier>().VerifyAsync();
        Assert.True(report.Passed, string.Join("\n", report.Problems));
        Assert.Empty(report.Untimestamped);
    }

    [Fact]
    public async Task A_token_for_another_hash_is_rejected_and_never_stored()
    {
        await using var t = await TrackedSite.StartTimestampedAsync();
        t.Authority.AnswerForAnotherHash = true;
        var id = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);

        await t.DrainTimestampsAsync();

        Assert.True(t.Authority.Replies >= 1);
        var version = Assert.Single(await t.Ledger.ListAsync(id));
        Assert.False(version.IsTimestamped);
        Assert.False(await t.TokenStoredAsync(version));
        Assert.Equal(1, (await t.Pipeline.Storage.Queue(QueueNames.Timestamps).GetPropertiesAsync()).Value.ApproximateMessagesCount);

        // The same kind of token placed behind our back where the version's token belongs: verify names it.
        var other = await t.Pipeline.Get<TimestampAuthorityClient>().RequestAsync(new string('a', 64), version.CapturedAt, CancellationToken.None);
        Assert.Null(other.Token);
        Assert.Contains(other.Failures, f => f.Contains("token rejected"));
        t.Authority.AnswerForAnotherHash = false;
        var genuineForOther = await t.Pipeline.Get<TimestampAuthorityClient>().RequestAsync(new string('b', 64), version.CapturedAt, CancellationToken.None);
        await t.Pipeline.Get<SnapshotArchive>().WriteOnceAsync(SnapshotArchive.TimestampBlobName(id, version.ChainHash), genuineForOther.Token!.Response, "application/timestamp-reply");
        var report = await t.Pipeline.Get<ArchiveVerifier>().VerifyAsync();
        Assert.Contains(report.Problems, p => p.Sequence == 1 && p.Problem.Contains("is not the chain hash"));
    }

    [Fact]
    public async Task Run_once_consumes_the_timestamps_queue_like_the_other_queues()
    {
        await using var t = await TrackedSite.StartTimestampedAsync();
        t.Site.Page("/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        var file = Path.Combine(Directory.CreateTempSubdirectory("snapshots-run-").FullName, "example-ai.json");
        File.WriteAllText(file, PolicyPages.Declaration("Example AI", ("Privacy Policy", t.Site.Url("/privacy"))));

        var (exit, output) = await new CliRunner(t.Pipeline.Configuration).RunAsync("run", "--once", "--declarations", file);

        Assert.Equal(0, exit);
        var version = Assert.Single(await t.Ledger.ListAsync(Snapshots.Catalog.DocumentId.Parse("example-ai/privacy-policy")));
        Assert.True(version.IsTimestamped, output);
        Assert.Equal(0, (await t.Pipeline.Storage.Queue(QueueNames.Timestamps).GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task Run_once_with_the_authority_down_records_the_version_and_leaves_the_timestamp_request_queued()
    {
        await using var t = await TrackedSite.StartTimestampedAsync();
        await t.Authority.StopAsync();
        t.Site.Page("/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        var file = Path.Combine(Directory.CreateTempSubdirectory("snapshots-run-").FullName, "example-ai.json");
        File.WriteAllText(file, PolicyPages.Declaration("Example AI", ("Privacy Policy", t.Site.Url("/privacy"))));

        var run = new CliRunner(t.Pipeline.Configuration).RunAsync("run", "--once", "--declarations", file);
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30)));

        Assert.Same(run, finished);
        Assert.Equal(0, (await run).ExitCode);
        var version = Assert.Single(await t.Ledger.ListAsync(Snapshots.Catalog.DocumentId.Parse("example-ai/privacy-policy")));
        Assert.False(version.IsTimestamped);
        Assert.Equal(1, (await t.Pipeline.Storage.Queue(QueueNames.Timestamps).GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task The_check_never_waits_for_the_authority_it_only_queues_one_request()
    {
        await using var t = await TrackedSite.StartTimestampedAsync();
        var id = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));

        Assert.Equal(CaptureStatus.First, (await t.CheckAsync(id)).Status);

        Assert.Equal(0, t.Authority.Replies);
        Assert.Equal(1, (await t.Pipeline.Storage.Queue(QueueNames.Timestamps).GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.False(Assert.Single(await t.Ledger.ListAsync(id)).IsTimestamped);
    }
}
