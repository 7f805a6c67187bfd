using System.Diagnostics;
using System.IO.Compression;
using Snapshots.Archive;
using Snapshots.IntegrationTests.Archive;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Text;

namespace Snapshots.IntegrationTests.Hostile;

/// <summary>
/// OCSP under hostile authorities and forgers: a TSA certificate whose only revocation source is an OCSP responder (a real
/// <c>openssl ocsp</c> on loopback) that says "revoked", that is down, that answers too much or too slowly, or whose answer is
/// signed by a certificate the CA never authorized to answer; and a bag whose extra token was altered and its manifests
/// recomputed. A token whose validation fails is never stored and the failure is named, within the bounds; verify --bundle
/// names the altered token.
/// </summary>
[Trait("Category", "Hostile")]
public sealed class OcspProbes
{
    private static Dictionary<string, string?> Settings(LoopbackCrlAuthority authority, string timeout = "00:00:05") => new()
    {
        ["Evidence:RequestTimeout"] = timeout,
        ["Evidence:MaxRevocationBytes"] = "65536",
        ["Evidence:TimestampAuthorities:0"] = authority.Url.AbsoluteUri,
        ["Evidence:TrustAnchors:0"] = authority.RootCertificateFile,
    };

    /// <summary>One version tracked, then stamped by the authority: the outcome, how long stamping took, and the version after.</summary>
    private static async Task<(TimestampOutcome Outcome, TimeSpan Took, VersionRecord Version, IReadOnlyList<string> Blobs)> StampAsync(LoopbackCrlAuthority authority, string timeout = "00:00:05")
    {
        await using var t = await TrackedSite.StartAsync(Settings(authority, timeout));
        var id = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);
        var version = Assert.Single(await t.Ledger.ListAsync(id));
        var clock = Stopwatch.StartNew();
        var outcome = await t.Pipeline.Get<VersionTimestamper>().TimestampAsync(id, 1, version.ChainHash);
        var took = clock.Elapsed;
        return (outcome, took, Assert.Single(await t.Ledger.ListAsync(id)), await t.Pipeline.Get<SnapshotArchive>().ListAsync(id.BlobPrefix));
    }

    private static void AssertNotStamped((TimestampOutcome Outcome, TimeSpan Took, VersionRecord Version, IReadOnlyList<string> Blobs) stamped)
    {
        Assert.Equal(TimestampStatus.Unavailable, stamped.Outcome.Status);
        Assert.False(stamped.Version.IsTimestamped);
        Assert.DoesNotContain(stamped.Blobs, b => b.EndsWith(".tsr", StringComparison.Ordinal) || b.EndsWith(".ocsp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_signer_the_OCSP_responder_calls_revoked_is_not_timestamped_and_the_revocation_is_named()
    {
        await using var authority = await LoopbackCrlAuthority.StartAsync("Revoked", crl: false, ocsp: OcspRoute.Responder);
        await authority.RevokeSignerAsync();

        var stamped = await StampAsync(authority);

        AssertNotStamped(stamped);
        Assert.Contains($"certificate 'CN={authority.SignerName}'", stamped.Outcome.Detail);
        Assert.Contains("is revoked since", stamped.Outcome.Detail);
        Assert.Contains("by its OCSP responder", stamped.Outcome.Detail);
    }

    [Fact]
    public async Task A_responder_that_is_down_is_named_and_the_token_is_not_stored()
    {
        await using var authority = await LoopbackCrlAuthority.StartAsync("Down", crl: false, ocsp: OcspRoute.Responder);
        await authority.Responder!.StopAsync();

        var stamped = await StampAsync(authority);

        AssertNotStamped(stamped);
        Assert.Contains($"no revocation answer for certificate 'CN={authority.SignerName}'", stamped.Outcome.Detail);
        Assert.Contains(authority.OcspUrl!.AbsoluteUri, stamped.Outcome.Detail);
        Assert.True(stamped.Took < TimeSpan.FromSeconds(30), $"took {stamped.Took}");
    }

    [Fact]
    public async Task An_oversized_OCSP_answer_is_cut_off_at_the_bound_and_named()
    {
        await using var authority = await LoopbackCrlAuthority.StartAsync("Oversized", crl: false, ocsp: OcspRoute.Relay);
        authority.OcspFault = OcspFault.Oversized;

        var stamped = await StampAsync(authority);

        AssertNotStamped(stamped);
        Assert.Equal(1, authority.OcspRequests);
        Assert.Contains($"{authority.OcspUrl!.AbsoluteUri} answered more than 65536 bytes", stamped.Outcome.Detail);
    }

    [Fact]
    public async Task A_responder_that_never_answers_is_given_up_on_within_the_request_timeout_and_named()
    {
        await using var authority = await LoopbackCrlAuthority.StartAsync("Slow", crl: false, ocsp: OcspRoute.Relay);
        authority.OcspFault = OcspFault.Slow;

        var stamped = await StampAsync(authority, timeout: "00:00:02");

        AssertNotStamped(stamped);
        Assert.Equal(1, authority.OcspRequests);
        Assert.Contains($"{authority.OcspUrl!.AbsoluteUri} gave no answer within 00:00:02", stamped.Outcome.Detail);
        Assert.True(stamped.Took < TimeSpan.FromSeconds(20), $"took {stamped.Took}: the slow responder held stamping up");
    }

    [Fact]
    public async Task An_OCSP_answer_signed_by_a_certificate_the_CA_did_not_authorize_to_answer_is_refused()
    {
        await using var authority = await LoopbackCrlAuthority.StartAsync("Unauthorized", crl: false, ocsp: OcspRoute.Responder, responderExtension: "plain_ext");

        var stamped = await StampAsync(authority);

        AssertNotStamped(stamped);
        Assert.Contains($"'CN={authority.Name} OCSP Responder' is not allowed to sign OCSP answers", stamped.Outcome.Detail);
    }

    [Fact]
    public async Task A_bag_whose_second_authoritys_token_was_altered_and_its_manifests_recomputed_fails_verify_bundle_naming_the_token()
    {
        await using var first = await LoopbackCrlAuthority.StartAsync("Alpha", ocsp: OcspRoute.Responder);
        await using var second = await LoopbackCrlAuthority.StartAsync("Beta", crl: false, ocsp: OcspRoute.Responder);
        await using var t = await TrackedSite.StartAsync(LongTermTimestampTests.Settings(first, second));
        var id = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);
        Assert.Equal(1, await t.DrainTimestampsAsync());
        var extra = TokenRecords.Of(Assert.Single(await t.Ledger.ListAsync(id)))[1];
        Assert.Equal(second.SignerName, extra.Signer);
        var cli = new CliRunner(t.Pipeline.Configuration);
        var token = $"data/versions/000001/timestamps/{TimestampRenewal.FileName(extra.Blob)}";

        // The forger changes the last byte of the second authority's token (its signature) and recomputes both manifests.
        var forged = await ExportThenForgeAsync(cli, id, "ocsp-forged", bag => FlipLastByte(Path.Combine(bag, token)));

        var result = await cli.RunAsync("verify", "--bundle", forged);

        Assert.NotEqual(0, result.ExitCode);
        Assert.True(result.Output.Contains($"version 1: {token}: ", StringComparison.Ordinal), result.Output);
        Assert.Single(result.Output.Split('\n'), l => l.StartsWith("MISMATCH", StringComparison.Ordinal));
        Assert.Contains("NOT VERIFIED", result.Output);
    }

    [Fact]
    public async Task A_bag_whose_renewed_evidence_was_altered_and_its_manifests_recomputed_fails_verify_bundle_naming_the_renewal_token()
    {
        await using var first = await LoopbackCrlAuthority.StartAsync("Alpha");
        await using var t = await TrackedSite.StartAsync(LongTermTimestampTests.Settings(first));
        var id = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);
        Assert.Equal(1, await t.DrainTimestampsAsync());
        // A day and a half later the signer's certificate is within the renewal margin: the evidence is stamped again.
        Assert.Equal(new global::Snapshots.Pipeline.RenewalReport(1, 1, 0), await t.Pipeline.Get<global::Snapshots.Pipeline.RenewTimestampsHandler>().RunAsync(DateTimeOffset.UtcNow.AddHours(36)));
        var tokens = TokenRecords.Of(Assert.Single(await t.Ledger.ListAsync(id)));
        var renewal = tokens[^1];
        Assert.NotNull(renewal.RenewalOf);
        var cli = new CliRunner(t.Pipeline.Configuration);
        var answer = tokens[0].Revocations.Single(r => r.Kind == "crl");

        // The forger changes the first token's revocation list, which the renewal stamped, and recomputes both manifests.
        var forged = await ExportThenForgeAsync(cli, id, "renewal-forged",
            bag => FlipLastByte(Path.Combine(bag, "data/versions/000001/timestamps", TimestampRenewal.FileName(answer.Blob))));

        var result = await cli.RunAsync("verify", "--bundle", forged);

        Assert.NotEqual(0, result.ExitCode);
        var renewalToken = $"data/versions/000001/timestamps/{TimestampRenewal.FileName(renewal.Blob)}";
        // The console wraps long lines: the problem is read with the wraps taken out.
        Assert.True(result.Output.Replace("\n", "", StringComparison.Ordinal).Contains($"version 1: {renewalToken}: the renewed evidence data/versions/000001/timestamps/{TimestampRenewal.FileName(answer.Blob)} does not hash to {answer.Sha256}", StringComparison.Ordinal), result.Output);
    }

    /// <summary>
    /// Exports the document's bundle (which must verify), lets <paramref name="alter"/> change the extracted bag, recomputes
    /// both manifests as a forger would, and returns the forged zip.
    /// </summary>
    private static async Task<string> ExportThenForgeAsync(CliRunner cli, global::Snapshots.Catalog.DocumentId id, string name, Action<string> alter)
    {
        var folder = Directory.CreateTempSubdirectory($"snapshots-{name}-").FullName;
        var zip = Path.Combine(folder, "genuine.zip");
        Assert.Equal(0, (await cli.RunAsync("export", id.ToString(), "-o", zip)).ExitCode);
        var genuine = await cli.RunAsync("verify", "--bundle", zip);
        Assert.True(genuine.ExitCode == 0, genuine.Output);
        var bag = Path.Combine(folder, "bag");
        ZipFile.ExtractToDirectory(zip, bag);
        alter(bag);
        Rehash(bag);
        var forged = Path.Combine(folder, "forged.zip");
        ZipFile.CreateFromDirectory(bag, forged);
        return forged;
    }

    private static void FlipLastByte(string path)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 0x01;
        File.WriteAllBytes(path, bytes);
    }

    /// <summary>What a forger does last: both manifests computed again from the files as they now are.</summary>
    private static void Rehash(string bag)
    {
        string Lines(IEnumerable<string> files) => string.Concat(files.Select(f => $"{Sha256Hex.Of(File.ReadAllBytes(Path.Combine(bag, f)))}  {f}\n"));
        var all = Directory.GetFiles(bag, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(bag, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        File.WriteAllText(Path.Combine(bag, "manifest-sha256.txt"), Lines(all.Where(f => f.StartsWith("data/", StringComparison.Ordinal))));
        File.WriteAllText(Path.Combine(bag, "tagmanifest-sha256.txt"), Lines(all.Where(f => !f.StartsWith("data/", StringComparison.Ordinal) && f != "tagmanifest-sha256.txt")));
    }
}
