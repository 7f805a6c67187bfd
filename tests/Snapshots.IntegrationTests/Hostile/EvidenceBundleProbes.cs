using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Snapshots.IntegrationTests.Infrastructure;

namespace Snapshots.IntegrationTests.Hostile;

/// <summary>
/// Hostile evidence bundles for <c>snapshots verify --bundle</c> and VERIFY.md: zip entries are checked before they are read
/// (a clear error naming the entry, never a stack trace or gigabytes of memory), and the timestamp step trusts only an
/// anchor the verifier obtained outside the bundle.
/// </summary>
[Trait("Category", "Hostile")]
public sealed partial class EvidenceBundleProbes
{
    [Fact]
    public async Task A_bundle_with_a_duplicate_entry_name_is_refused_naming_the_entry()
    {
        await using var t = await TrackedSite.StartAsync();
        var zip = Path.Combine(Directory.CreateTempSubdirectory("snapshots-bundle-").FullName, "duplicate.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            foreach (var content in new[] { "{}", "{\"format\":\"forged\"}" })
                using (var stream = archive.CreateEntry("manifest.json").Open()) stream.Write(Encoding.UTF8.GetBytes(content));
        }

        var (exit, output) = await new CliRunner(t.Pipeline.Configuration).RunAsync("verify", "--bundle", zip);

        Assert.True(exit == 2, output);
        Assert.Contains("manifest.json", output);
        Assert.Contains("more than once", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task A_zip_bomb_entry_of_3_GiB_is_refused_before_it_is_read_and_memory_stays_under_1_GB()
    {
        await using var t = await TrackedSite.StartAsync();
        var zip = Path.Combine(Directory.CreateTempSubdirectory("snapshots-bundle-").FullName, "bomb.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            using var stream = archive.CreateEntry("versions/000001/raw-1.html", CompressionLevel.Fastest).Open();
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 3 * 1024; i++) stream.Write(zeros);
        }
        Assert.True(new FileInfo(zip).Length < 64 << 20);
        GC.Collect();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);

        var (exit, output) = await new CliRunner(t.Pipeline.Configuration).RunAsync("verify", "--bundle", zip);

        var used = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        Assert.True(exit == 2, output);
        Assert.Contains("versions/000001/raw-1.html", output);
        Assert.DoesNotContain("   at ", output);
        Assert.True(used < 1L << 30, $"verify --bundle allocated {used:N0} bytes");
    }

    [Fact]
    public async Task VERIFY_md_refuses_tokens_from_a_forgers_authority_whose_root_the_bundle_ships()
    {
        await using var genuine = await LoopbackTimestampAuthority.StartAsync();
        await using var forger = await TrackedSite.StartTimestampedAsync();
        var id = await forger.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));
        await forger.CheckAsync(id);
        await forger.DrainTimestampsAsync();
        var zip = Path.Combine(Directory.CreateTempSubdirectory("snapshots-bundle-").FullName, "forged.zip");
        Assert.Equal(0, (await new CliRunner(forger.Pipeline.Configuration).RunAsync("export", id.ToString(), "-o", zip)).ExitCode);
        var folder = Directory.CreateTempSubdirectory("snapshots-extracted-").FullName;
        ZipFile.ExtractToDirectory(zip, folder);
        var instructions = File.ReadAllText(Path.Combine(folder, "VERIFY.md"));
        // The timestamp step and the long-term timestamp step: each refuses the forger's tokens.
        var timestampSteps = ShellBlock().Matches(instructions).Select(m => m.Groups["command"].Value.Trim()).Where(c => c.Contains("openssl ts -verify")).ToList();
        Assert.Equal(2, timestampSteps.Count);
        foreach (var timestampStep in timestampSteps)
        {
            // The verifier holds the genuine authority's root, obtained from that authority, not from the bundle.
            var run = await ExternalProcess.RunAsync("/bin/sh", ["-c", $"TSA_ROOT='{genuine.RootCertificateFile}'; export TSA_ROOT; {timestampStep}"], folder);
            Assert.True(run.ExitCode != 0, $"{timestampStep}\n{run}");
        }
        Assert.Contains("TSA_ROOT", instructions);

        // Our own verify uses the anchors configured where it runs (the genuine root), never those in the bundle.
        var config = TestPipeline.BuildConfiguration(forger.Pipeline.ConnectionString, new Dictionary<string, string?> { ["Evidence:TrustAnchors:0"] = genuine.RootCertificateFile });
        var ours = await new CliRunner(config).RunAsync("verify", "--bundle", zip);
        Assert.True(ours.ExitCode == 1, ours.Output);
        Assert.Contains("does not chain", ours.Output);
    }

    [GeneratedRegex(@"^```sh\n(?<command>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex ShellBlock();
}
