using System.IO.Compression;
using System.Text.RegularExpressions;
using Snapshots.Archive;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Pipeline;
using Snapshots.Tracking;

namespace Snapshots.IntegrationTests.Archive;

/// <summary>
/// Long-term timestamps with two loopback RFC 3161 authorities (openssl ts), each with its own CA (openssl ca) whose TSA
/// certificate names a CRL served by the authority's loopback server: a token from each, stored with its chain and CRL,
/// renewed before the certificates expire, and checked by verify and by the bundle's VERIFY.md commands run in sh.
/// </summary>
public sealed partial class LongTermTimestampTests
{
    internal static Dictionary<string, string?> Settings(params LoopbackCrlAuthority[] authorities)
    {
        var values = new Dictionary<string, string?>
        {
            ["Evidence:RequestTimeout"] = "00:00:05",
            ["Evidence:RetryBaseDelay"] = "00:00:01",
            ["Evidence:RetryMaxDelay"] = "00:00:01",
            ["Evidence:RenewalMargin"] = "1.00:00:00",
        };
        for (var i = 0; i < authorities.Length; i++)
        {
            values[$"Evidence:TimestampAuthorities:{i}"] = authorities[i].Url.AbsoluteUri;
            values[$"Evidence:TrustAnchors:{i}"] = authorities[i].RootCertificateFile;
        }
        return values;
    }

    [Fact]
    public async Task Every_authority_stamps_with_its_chain_and_CRL_the_evidence_is_renewed_before_expiry_and_verify_and_VERIFY_md_check_it()
    {
        await using var first = await LoopbackCrlAuthority.StartAsync("Alpha");
        await using var second = await LoopbackCrlAuthority.StartAsync("Beta");
        await using var t = await TrackedSite.StartAsync(Settings(first, second));
        var id = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));
        Assert.Equal(CaptureStatus.First, (await t.CheckAsync(id)).Status);
        var timestamps = LocalQueues().Single(c => c.Queue == Storage.QueueNames.Timestamps);
        Assert.Equal(1, await timestamps.DrainAsync(TimeSpan.FromSeconds(30)));

        var version = Assert.Single(await t.Ledger.ListAsync(id));
        var tokens = TokenRecords.Of(version);
        Assert.Equal([first.SignerName, second.SignerName], tokens.Select(k => k.Signer));
        Assert.All(tokens, k => Assert.Equal(version.ChainHash, k.Imprint));
        Assert.All(tokens, k => Assert.Single(k.Revocations));
        Assert.Equal(version.TimestampSha256, tokens[0].Sha256);
        Assert.Equal(SnapshotArchive.TimestampBlobName(id, version.ChainHash), tokens[0].Blob);
        var archive = t.Pipeline.Get<SnapshotArchive>();
        foreach (var blob in TokenRecords.BlobsOf(tokens))
            Assert.True(await archive.ExistsAsync(blob), blob);
        Assert.Equal(1, first.CrlRequests);
        Assert.Equal(1, second.CrlRequests);
        var verified = await t.Pipeline.Get<ArchiveVerifier>().VerifyAsync();
        Assert.True(verified.Passed, string.Join("\n", verified.Problems));

        // Not due: the signers' certificates are valid for two days, the margin is one.
        var renew = t.Pipeline.Get<RenewTimestampsHandler>();
        Assert.Equal(new RenewalReport(1, 0, 0), await renew.RunAsync(DateTimeOffset.UtcNow));
        // A day and a half later (the clock moved on): due, renewed by both authorities over the old tokens and their data.
        Assert.Equal(new RenewalReport(1, 1, 0), await renew.RunAsync(DateTimeOffset.UtcNow.AddHours(36)));
        version = Assert.Single(await t.Ledger.ListAsync(id));
        tokens = TokenRecords.Of(version);
        Assert.Equal(4, tokens.Count);
        var renewal = tokens[2].RenewalOf!;
        Assert.Equal(renewal, tokens[3].RenewalOf);
        var input = await archive.ReadTextAsync(renewal);
        foreach (var earlier in tokens.Take(2))
        {
            Assert.Contains($"{earlier.Sha256}  {TimestampRenewal.FileName(earlier.Blob)}\n", input);
            Assert.Contains($"{earlier.ChainSha256}  {TimestampRenewal.FileName(earlier.ChainBlob)}\n", input);
            Assert.Contains($"{earlier.Revocations[0].Sha256}  {TimestampRenewal.FileName(earlier.Revocations[0].Blob)}\n", input);
        }
        verified = await t.Pipeline.Get<ArchiveVerifier>().VerifyAsync();
        Assert.True(verified.Passed, string.Join("\n", verified.Problems));

        // The bundle: every step of VERIFY.md passes as written, the long-term step included, with both roots obtained apart.
        var roots = Path.Combine(Path.GetTempPath(), $"roots-{Guid.NewGuid():N}.pem");
        File.WriteAllText(roots, File.ReadAllText(first.RootCertificateFile) + File.ReadAllText(second.RootCertificateFile));
        var zip = Path.Combine(Path.GetTempPath(), $"ltv-{Guid.NewGuid():N}.zip");
        var cli = new CliRunner(t.Pipeline.Configuration);
        var export = await cli.RunAsync("export", id.ToString(), "-o", zip);
        Assert.True(export.ExitCode == 0, export.Output);
        var checkedBundle = await cli.RunAsync("verify", "--bundle", zip);
        Assert.True(checkedBundle.ExitCode == 0, checkedBundle.Output);
        var folder = Directory.CreateTempSubdirectory("snapshots-ltv-").FullName;
        ZipFile.ExtractToDirectory(zip, folder);
        var steps = await RunVerifyStepsAsync(folder, roots);
        Assert.Equal(5, steps.Count); // the fifth checks the provision texts
        Assert.All(steps, s => Assert.True(s.Result.ExitCode == 0, $"{s.Command}\n{s.Result.Output}\n{s.Result.Error}"));
        Assert.Equal(4, Regex.Matches(steps[3].Result.Output, "Verification: OK").Count);
        Assert.Contains(": OK", steps[3].Result.Output);

        // One byte of the second authority's CRL changed in the bundle: the long-term step fails.
        var crl = Directory.GetFiles(Path.Combine(folder, "data", "versions", "000001", "timestamps"), "*.crl").First();
        var bytes = File.ReadAllBytes(crl);
        bytes[^5] ^= 0x01;
        File.WriteAllBytes(crl, bytes);
        var broken = await RunVerifyStepsAsync(folder, roots);
        Assert.NotEqual(0, broken[0].Result.ExitCode);
        Assert.NotEqual(0, broken[3].Result.ExitCode);

        IReadOnlyList<global::Snapshots.Cli.Local.LocalQueueConsumer> LocalQueues() => global::Snapshots.Cli.Local.LocalQueues.Consumers(t.Pipeline.Services);
    }

    internal static async Task<IReadOnlyList<(string Command, ExternalProcess.Result Result)>> RunVerifyStepsAsync(string folder, string roots)
    {
        var instructions = File.ReadAllText(Path.Combine(folder, "VERIFY.md"));
        var results = new List<(string, ExternalProcess.Result)>();
        foreach (Match block in ShellBlock().Matches(instructions))
        {
            var command = block.Groups["command"].Value.Trim();
            results.Add((command, await ExternalProcess.RunAsync("/bin/sh", ["-c", $"TSA_ROOT='{roots}'; export TSA_ROOT; {command}"], folder)));
        }
        return results;
    }

    [GeneratedRegex(@"^```sh\n(?<command>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex ShellBlock();
}
