using Snapshots.Archive;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Web;

namespace Snapshots.IntegrationTests.Web;

/// <summary>A version timestamped by the loopback RFC 3161 authority (openssl ts) shows its token on the version page.</summary>
public sealed class TimestampEvidenceTests
{
    [Fact]
    public async Task The_version_page_names_the_authority_and_serves_the_token_as_stored()
    {
        await using var t = await TrackedSite.StartTimestampedAsync();
        var id = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);
        Assert.Equal(1, await t.DrainTimestampsAsync());
        var version = Assert.Single(await t.Ledger.ListAsync(id));
        await using var site = await SnapshotsWebsite.StartAsync(t.Pipeline.Configuration, "http://127.0.0.1:0");
        using var http = new HttpClient { BaseAddress = site.Address };

        var page = await http.GetStringAsync($"/platforms/{id.Platform}/{id.TermsType}/versions/1");

        Assert.Contains($"(signer {LoopbackTimestampAuthority.SignerName}, serial {version.TimestampSerial}) at {HashChain.FormatTime(version.TimestampGenTime!.Value)}", page);
        var token = await http.GetByteArrayAsync($"/platforms/{id.Platform}/{id.TermsType}/versions/1/timestamp.tsr");
        var stored = await t.Pipeline.Get<SnapshotArchive>().ReadAsync(SnapshotArchive.TimestampBlobName(id, version.ChainHash));
        Assert.Equal(stored, token);
    }
}
