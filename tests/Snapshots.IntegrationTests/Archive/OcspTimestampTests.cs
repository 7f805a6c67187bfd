using System.IO.Compression;
using System.Text.RegularExpressions;
using Snapshots.Archive;
using Snapshots.IntegrationTests.Infrastructure;

namespace Snapshots.IntegrationTests.Archive;

/// <summary>
/// OCSP for long-term timestamps with real parts: two loopback RFC 3161 authorities (openssl ts), each with its own CA
/// (openssl ca) whose TSA certificate names an OCSP responder run by <c>openssl ocsp</c> on loopback (one names only that,
/// the other a CRL too). Each token is stored with the OCSP answer for its signer; <c>verify</c>, <c>verify --bundle</c> and the
/// bundle's VERIFY.md commands, run as written, check it offline.
/// </summary>
public sealed class OcspTimestampTests
{
    [Fact]
    public async Task A_good_OCSP_answer_is_stored_with_each_token_and_verify_verify_bundle_and_VERIFY_md_check_it_offline()
    {
        await using var ocspOnly = await LoopbackCrlAuthority.StartAsync("Alpha", crl: false, ocsp: OcspRoute.Responder);
        await using var both = await LoopbackCrlAuthority.StartAsync("Beta", ocsp: OcspRoute.Responder);
        await using var t = await TrackedSite.StartAsync(LongTermTimestampTests.Settings(ocspOnly, both));
        var id = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);
        Assert.Equal(1, await t.DrainTimestampsAsync());

        var version = Assert.Single(await t.Ledger.ListAsync(id));
        Assert.True(version.IsTimestamped);
        var tokens = TokenRecords.Of(version);
        Assert.Equal([ocspOnly.SignerName, both.SignerName], tokens.Select(k => k.Signer));
        var alpha = Assert.Single(tokens[0].Revocations);
        Assert.Equal((OcspCheck.Kind, ocspOnly.OcspUrl!.AbsoluteUri, $"CN={ocspOnly.SignerName}"), (alpha.Kind, alpha.Url, alpha.Certificate));
        Assert.EndsWith(".ocsp", alpha.Blob);
        Assert.Equal([RevocationCheck.Kind, OcspCheck.Kind], tokens[1].Revocations.Select(r => r.Kind));
        var archive = t.Pipeline.Get<SnapshotArchive>();
        foreach (var blob in TokenRecords.BlobsOf(tokens)) Assert.True(await archive.ExistsAsync(blob), blob);
        var verified = await t.Pipeline.Get<ArchiveVerifier>().VerifyAsync();
        Assert.True(verified.Passed, string.Join("\n", verified.Problems));

        // The bag: verify --bundle and every VERIFY.md step pass, the OCSP answers checked by openssl ocsp at the tokens' time.
        var roots = Path.Combine(Path.GetTempPath(), $"roots-{Guid.NewGuid():N}.pem");
        File.WriteAllText(roots, File.ReadAllText(ocspOnly.RootCertificateFile) + File.ReadAllText(both.RootCertificateFile));
        var zip = Path.Combine(Path.GetTempPath(), $"ocsp-{Guid.NewGuid():N}.zip");
        var cli = new CliRunner(t.Pipeline.Configuration);
        Assert.Equal(0, (await cli.RunAsync("export", id.ToString(), "-o", zip)).ExitCode);
        var bundle = await cli.RunAsync("verify", "--bundle", zip);
        Assert.True(bundle.ExitCode == 0, bundle.Output);
        Assert.DoesNotContain("MISMATCH", bundle.Output);
        var folder = Directory.CreateTempSubdirectory("snapshots-ocsp-").FullName;
        ZipFile.ExtractToDirectory(zip, folder);
        var timestamps = Path.Combine(folder, "data", "versions", "000001", "timestamps");
        Assert.Equal(2, Directory.GetFiles(timestamps, "*.ocsp").Length);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(timestamps, "ocsp.txt")).Length);
        var steps = await LongTermTimestampTests.RunVerifyStepsAsync(folder, roots);
        Assert.All(steps, s => Assert.True(s.Result.ExitCode == 0, $"{s.Command}\n{s.Result.Output}\n{s.Result.Error}"));
        var longTerm = steps.Single(s => s.Command.Contains("openssl ocsp", StringComparison.Ordinal)).Result;
        Assert.Equal(2, Regex.Matches(longTerm.Output, ": good$", RegexOptions.Multiline).Count);
        Assert.Equal(2, Regex.Matches(longTerm.Output, @"\.ocsp: good at \d+$", RegexOptions.Multiline).Count);
        Assert.Equal(2, Regex.Matches(longTerm.Output, "Verification: OK").Count);

        // One byte of an OCSP answer changed in the bag: the manifest step and the long-term step fail, naming it.
        var answer = Directory.GetFiles(timestamps, "*.ocsp").First();
        var bytes = File.ReadAllBytes(answer);
        bytes[^2] ^= 0x01;
        File.WriteAllBytes(answer, bytes);
        var broken = await LongTermTimestampTests.RunVerifyStepsAsync(folder, roots);
        Assert.NotEqual(0, broken[0].Result.ExitCode);
        var failed = broken.Single(s => s.Command.Contains("openssl ocsp", StringComparison.Ordinal)).Result;
        Assert.NotEqual(0, failed.ExitCode);
        Assert.Contains(Path.GetFileName(answer), failed.Output);

        // verify names a stored OCSP answer that was deleted.
        await t.Pipeline.Storage.Snapshots.GetBlobClient(alpha.Blob).DeleteAsync();
        var missing = await t.Pipeline.Get<ArchiveVerifier>().VerifyAsync();
        Assert.Contains(missing.Problems, p => p.Sequence == 1 && p.Problem.Contains($"the OCSP answer of 'CN={ocspOnly.SignerName}' snapshots/{alpha.Blob} is missing"));
    }
}
