using Snapshots.Archive;
using Snapshots.IntegrationTests.Infrastructure;

namespace Snapshots.IntegrationTests.Hostile;

/// <summary>
/// Long-term timestamps under hostile authorities: a revoked signer, a withheld or expired revocation list, a second
/// authority the archive ignores, validation data deleted afterwards. A token whose validation fails is never stored, and
/// the failure is named; verify names missing validation data.
/// </summary>
[Trait("Category", "Hostile")]
public sealed class LongTermTimestampProbes
{
    private static Dictionary<string, string?> Settings(params LoopbackCrlAuthority[] authorities)
    {
        var values = new Dictionary<string, string?> { ["Evidence:RequestTimeout"] = "00:00:05" };
        for (var i = 0; i < authorities.Length; i++)
        {
            values[$"Evidence:TimestampAuthorities:{i}"] = authorities[i].Url.AbsoluteUri;
            values[$"Evidence:TrustAnchors:{i}"] = authorities[i].RootCertificateFile;
        }
        return values;
    }

    [Fact]
    public async Task Every_configured_authority_stamps_the_version_not_only_the_first()
    {
        await using var first = await LoopbackCrlAuthority.StartAsync("Alpha");
        await using var second = await LoopbackCrlAuthority.StartAsync("Beta");
        await using var t = await TrackedSite.StartAsync(Settings(first, second));
        var id = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);
        await t.DrainTimestampsAsync();

        var tsr = (await t.Pipeline.Get<SnapshotArchive>().ListAsync(id.BlobPrefix)).Where(b => b.EndsWith(".tsr", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, tsr.Count);
        Assert.Equal(1, second.CrlRequests);
    }

    [Fact]
    public async Task A_token_whose_signer_is_revoked_is_not_stored_and_the_revocation_is_named()
    {
        await using var revoked = await LoopbackCrlAuthority.StartAsync("Revoked");
        await using var good = await LoopbackCrlAuthority.StartAsync("Good");
        await revoked.RevokeSignerAsync();
        await using var t = await TrackedSite.StartAsync(Settings(revoked, good));
        var id = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);
        var version = Assert.Single(await t.Ledger.ListAsync(id));

        var outcome = await t.Pipeline.Get<VersionTimestamper>().TimestampAsync(id, 1, version.ChainHash);

        Assert.Equal(TimestampStatus.Timestamped, outcome.Status);
        Assert.Contains($"certificate 'CN={revoked.SignerName}'", outcome.Detail);
        Assert.Contains("is revoked since", outcome.Detail);
        version = Assert.Single(await t.Ledger.ListAsync(id));
        Assert.Equal(good.SignerName, version.TimestampSigner);
    }

    [Fact]
    public async Task A_token_without_its_revocation_list_or_with_an_expired_one_is_not_stored_and_the_failure_is_named()
    {
        await using var withheld = await LoopbackCrlAuthority.StartAsync("Withheld");
        await using var expired = await LoopbackCrlAuthority.StartAsync("Expired");
        withheld.WithholdCrl = true;
        await expired.PublishExpiringCrlAsync();
        await using var t = await TrackedSite.StartAsync(Settings(withheld, expired));
        var id = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);
        var version = Assert.Single(await t.Ledger.ListAsync(id));

        var outcome = await t.Pipeline.Get<VersionTimestamper>().TimestampAsync(id, 1, version.ChainHash);

        Assert.Equal(TimestampStatus.Unavailable, outcome.Status);
        Assert.Contains($"no revocation answer for certificate 'CN={withheld.SignerName}'", outcome.Detail);
        Assert.Contains("HTTP 404", outcome.Detail);
        Assert.Contains($"certificate 'CN={expired.SignerName}': its revocation list expired", outcome.Detail);
        Assert.False(Assert.Single(await t.Ledger.ListAsync(id)).IsTimestamped);
        Assert.DoesNotContain(await t.Pipeline.Get<SnapshotArchive>().ListAsync(id.BlobPrefix), b => b.EndsWith(".tsr", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Verify_names_a_token_whose_revocation_list_was_deleted_or_altered()
    {
        await using var first = await LoopbackCrlAuthority.StartAsync("Alpha");
        await using var t = await TrackedSite.StartAsync(Settings(first));
        var id = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);
        await t.DrainTimestampsAsync();
        var crl = Assert.Single(await t.Pipeline.Get<SnapshotArchive>().ListAsync(id.BlobPrefix), b => b.EndsWith(".crl", StringComparison.Ordinal));
        var blob = t.Pipeline.Storage.Snapshots.GetBlobClient(crl);
        var original = (await blob.DownloadContentAsync()).Value.Content.ToArray();

        await blob.DeleteAsync();
        var missing = await t.Pipeline.Get<ArchiveVerifier>().VerifyAsync();
        Assert.Contains(missing.Problems, p => p.Sequence == 1 && p.Problem.Contains($"the revocation list of 'CN={first.SignerName}' snapshots/{crl} is missing"));

        var altered = (byte[])original.Clone();
        altered[^3] ^= 0x01;
        await blob.UploadAsync(BinaryData.FromBytes(altered));
        var tampered = await t.Pipeline.Get<ArchiveVerifier>().VerifyAsync();
        Assert.Contains(tampered.Problems, p => p.Sequence == 1 && p.Problem.Contains($"snapshots/{crl} hashes to"));
    }
}
