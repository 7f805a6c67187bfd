using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Snapshots.Archive;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Provisions;
using Snapshots.Text;

namespace Snapshots.IntegrationTests.Archive;

/// <summary>
/// Issue 22: an exported bag holds each version's provisions (<c>provisions.json</c> and each provision's text as bytes of
/// <c>text.md</c>), checked by a VERIFY.md step run as written and by <c>verify --bundle</c>; and <c>verify --bundle</c> exits
/// 3 for a bundle that is integrity only, 0 for a timestamped one.
/// </summary>
public sealed partial class ProvisionBundleTests
{
    // Non-ASCII text before and inside provisions: byte offsets differ from character offsets.
    private static string Page(int days) => PolicyPages.Privacy(
        "<h2>Données et sécurité</h2><p>We keep your prompts for " + days + " days — then delete them.</p>"
        + "<p>We do not sell your personal data to third parties (€0 paid).</p>"
        + "<h2>Your rights</h2><ol><li>You can ask for a copy of your data.</li><li>You can ask us to delete your data.</li></ol>");

    [Fact]
    public async Task An_exported_bag_holds_each_versions_provisions_as_bytes_of_its_text_and_the_VERIFY_md_step_and_verify_bundle_check_them()
    {
        await using var t = await TrackedSite.StartTimestampedAsync();
        var id = await t.TrackPrivacyPolicyAsync(Page(30));
        await t.CheckAsync(id);
        Assert.True((await t.ChangeAsync(id, Page(90))).IsChange);
        await t.DrainTimestampsAsync();
        var maps = await t.Pipeline.Get<ProvisionLedger>().ListAsync(id);
        Assert.Equal(2, maps.Count);
        var cli = new CliRunner(t.Pipeline.Configuration);
        var zip = Path.Combine(Directory.CreateTempSubdirectory("snapshots-provisions-").FullName, "bundle.zip");

        Assert.Equal(0, (await cli.RunAsync("export", id.ToString(), "-o", zip)).ExitCode);

        var bag = Extract(zip);
        var manifest = File.ReadAllText(Path.Combine(bag, "manifest-sha256.txt"));
        foreach (var map in maps)
        {
            var folder = Path.Combine(bag, "data", "versions", map.Sequence.ToString("D6"));
            var text = File.ReadAllBytes(Path.Combine(folder, "text.md"));
            var textString = Encoding.UTF8.GetString(text);
            using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "provisions.json")));
            Assert.Equal(Sha256Hex.Of(text), json.RootElement.GetProperty("textSha256").GetString());
            var listed = json.RootElement.GetProperty("provisions").EnumerateArray().ToList();
            Assert.Equal(map.Provisions.Count, listed.Count);
            Assert.True(listed.Count >= 3, $"version {map.Sequence} has {listed.Count} provisions");
            foreach (var entry in listed)
            {
                var tracked = map.FindById(entry.GetProperty("id").GetString()!)!;
                Assert.Equal(tracked.Slug, entry.GetProperty("slug").GetString());
                var (start, end) = (entry.GetProperty("start").GetInt32(), entry.GetProperty("end").GetInt32());
                var file = File.ReadAllBytes(Path.Combine(folder, entry.GetProperty("file").GetString()!));
                // The file is exactly those bytes of text.md, its recorded hash, the provision's text in the version's text.
                Assert.Equal(text[start..end], file);
                Assert.Equal(tracked.Provision.Sha256, Sha256Hex.Of(file));
                Assert.Equal(tracked.Provision.Text(textString), Encoding.UTF8.GetString(file));
                Assert.Contains($"{tracked.Provision.Sha256}  data/versions/{map.Sequence:D6}/provisions/{tracked.Id}.txt\n", manifest);
            }
            // A byte offset is not a character offset once "é" and "—" stand before a provision.
            Assert.Contains(listed, e => e.GetProperty("start").GetInt32() != textString.IndexOf(Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(folder, e.GetProperty("file").GetString()!))), StringComparison.Ordinal));
            var retention = listed.Single(e => File.ReadAllText(Path.Combine(folder, e.GetProperty("file").GetString()!)).Contains("keep your prompts"));
            Assert.Contains("retention-period", retention.GetProperty("clauseTypes").EnumerateArray().Select(c => c.GetString()));
        }

        var steps = await RunVerifyStepsAsync(bag, t.Authority);
        Assert.Equal(5, steps.Count);
        Assert.All(steps, s => Assert.True(s.Result.ExitCode == 0, $"{s.Command}\n{s.Result}"));
        Assert.Contains("## 5. Provision texts", File.ReadAllText(Path.Combine(bag, "VERIFY.md")));
        Assert.Contains($"data/versions/000001: {maps[0].Provisions.Count} provisions are bytes of text.md", steps[4].Result.Output);
        Assert.Contains($"data/versions/000002: {maps[1].Provisions.Count} provisions are bytes of text.md", steps[4].Result.Output);
        var verified = await cli.RunAsync("verify", "--bundle", zip);
        Assert.True(verified.ExitCode == 0, verified.Output);
        Assert.Contains("Verified with a trusted time", verified.Output);
    }

    [Fact]
    public async Task A_bundle_exported_with_no_timestamp_authority_exits_3_integrity_only_and_a_timestamped_one_exits_0()
    {
        await using var plain = await TrackedSite.StartAsync();
        var id = await plain.TrackPrivacyPolicyAsync(Page(30));
        await plain.CheckAsync(id);
        var cli = new CliRunner(plain.Pipeline.Configuration);
        var zip = Path.Combine(Directory.CreateTempSubdirectory("snapshots-integrity-").FullName, "bundle.zip");
        Assert.Equal(0, (await cli.RunAsync("export", id.ToString(), "-o", zip)).ExitCode);

        var integrityOnly = await cli.RunSeparatelyAsync("verify", "--bundle", zip);

        Assert.True(integrityOnly.ExitCode == EvidenceVerdict.IntegrityOnlyExitCode, integrityOnly.Output);
        Assert.Equal(3, integrityOnly.ExitCode);
        Assert.Contains("INTEGRITY ONLY", integrityOnly.StandardOutput);
        Assert.Contains("nothing proves when or by whom this was made", integrityOnly.StandardOutput);
        Assert.DoesNotContain("MISMATCH", integrityOnly.Output);
        var help = await cli.RunAsync("verify", "--help");
        Assert.Contains("3: integrity only", help.Output);

        await using var stamped = await TrackedSite.StartTimestampedAsync();
        var other = await stamped.TrackPrivacyPolicyAsync(Page(30));
        await stamped.CheckAsync(other);
        await stamped.DrainTimestampsAsync();
        var stampedCli = new CliRunner(stamped.Pipeline.Configuration);
        var stampedZip = Path.Combine(Path.GetDirectoryName(zip)!, "stamped.zip");
        Assert.Equal(0, (await stampedCli.RunAsync("export", other.ToString(), "-o", stampedZip)).ExitCode);

        var timestamped = await stampedCli.RunAsync("verify", "--bundle", stampedZip);

        Assert.True(timestamped.ExitCode == 0, timestamped.Output);
        Assert.DoesNotContain("INTEGRITY ONLY", timestamped.Output);
    }

    private static string Extract(string zip)
    {
        var folder = Directory.CreateTempSubdirectory("snapshots-extracted-").FullName;
        ZipFile.ExtractToDirectory(zip, folder);
        return folder;
    }

    private static async Task<IReadOnlyList<(string Command, ExternalProcess.Result Result)>> RunVerifyStepsAsync(string folder, LoopbackTimestampAuthority authority)
    {
        var results = new List<(string, ExternalProcess.Result)>();
        foreach (Match block in ShellBlock().Matches(File.ReadAllText(Path.Combine(folder, "VERIFY.md"))))
        {
            var command = block.Groups["command"].Value.Trim();
            results.Add((command, await ExternalProcess.RunAsync("/bin/sh", ["-c", $"TSA_ROOT='{authority.RootCertificateFile}'; export TSA_ROOT; {command}"], folder)));
        }
        return results;
    }

    [GeneratedRegex(@"^```sh\n(?<command>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex ShellBlock();
}
