using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Snapshots.Archive;
using Snapshots.Fetching;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Text;
using Snapshots.Tracking;

namespace Snapshots.IntegrationTests.Hostile;

/// <summary>
/// Hostile evidence captures and bags (issue 22 items 1, 6 and 7): one byte changed in any file of an exported bag fails both
/// <c>verify --bundle</c> and the VERIFY.md steps, naming the file; a forger who edits a text of a token-less bundle and
/// recomputes every hash gets "integrity only", never "verified"; a WARC capture that does not hold what the version records is
/// never stored.
/// </summary>
[Trait("Category", "Hostile")]
public sealed partial class EvidenceCaptureProbes
{
    [Fact]
    public async Task One_byte_changed_in_any_file_of_a_bag_fails_verify_bundle_and_the_VERIFY_md_steps_naming_the_file()
    {
        await using var t = await TrackedSite.StartTimestampedAsync();
        var id = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);
        await t.DrainTimestampsAsync();
        var cli = new CliRunner(t.Pipeline.Configuration);
        var zip = Path.Combine(Directory.CreateTempSubdirectory("snapshots-bag-").FullName, "bag.zip");
        Assert.Equal(0, (await cli.RunAsync("export", id.ToString(), "-o", zip)).ExitCode);
        var intact = Extract(zip);
        var steps = Steps(File.ReadAllText(Path.Combine(intact, "VERIFY.md")));
        Assert.All(await RunAsync(steps, intact, t.Authority), s => Assert.True(s.ExitCode == 0, s.ToString()));
        var files = Directory.GetFiles(intact, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(intact, f).Replace('\\', '/')).Order().ToList();
        Assert.Contains("data/versions/000001/capture-1.warc.gz", files);
        Assert.Contains("CERTIFICATE.md", files);

        foreach (var file in files)
        {
            var tampered = Tampered(zip, file);
            var ours = await cli.RunAsync("verify", "--bundle", tampered);
            var results = await RunAsync(steps, Extract(tampered), t.Authority);

            Assert.True(ours.ExitCode == 1, $"{file}: verify --bundle\n{ours.Output}");
            Assert.True(results.Any(r => r.ExitCode != 0), $"{file}: every VERIFY.md step passed");
            if (file is EvidenceBundleLayout.BagManifest or EvidenceBundleLayout.TagManifest) continue; // a changed hash names the file it lists
            Assert.Contains(file, ours.Output);
            Assert.Contains(file, string.Concat(results.Select(r => r.Output + r.Error)));
        }
    }

    [Fact]
    public async Task A_forged_token_less_bundle_whose_every_hash_was_recomputed_is_reported_as_integrity_only()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);
        var cli = new CliRunner(t.Pipeline.Configuration);
        var folder = Directory.CreateTempSubdirectory("snapshots-forged-").FullName;
        var zip = Path.Combine(folder, "genuine.zip");
        Assert.Equal(0, (await cli.RunAsync("export", id.ToString(), "-o", zip)).ExitCode);

        // The forger edits the text and recomputes the text hash, the chain hash and both manifests.
        var bag = Extract(zip);
        var text = Path.Combine(bag, "data/versions/000001/text.md");
        var oldText = Sha256Hex.Of(File.ReadAllBytes(text));
        File.WriteAllText(text, File.ReadAllText(text).Replace("30 days", "3000 days"));
        var newText = Sha256Hex.Of(File.ReadAllBytes(text));
        var chain = Path.Combine(bag, "data/versions/000001/chain.txt");
        var oldChain = Sha256Hex.Of(File.ReadAllBytes(chain));
        File.WriteAllText(chain, File.ReadAllText(chain).Replace(oldText, newText));
        var newChain = Sha256Hex.Of(File.ReadAllBytes(chain));
        foreach (var file in Directory.GetFiles(bag, "*.*", SearchOption.AllDirectories).Where(f => f.EndsWith(".md") || f.EndsWith(".json") || f.EndsWith(".txt")))
            if (!file.EndsWith("text.md") && !file.EndsWith("chain.txt"))
                File.WriteAllText(file, File.ReadAllText(file).Replace(oldText, newText).Replace(oldChain, newChain));
        // The provision texts are optional: the forger drops them rather than recompute their ranges.
        foreach (var version in Directory.GetDirectories(Path.Combine(bag, "data", "versions")))
        {
            File.Delete(Path.Combine(version, "provisions.json"));
            if (Directory.Exists(Path.Combine(version, "provisions"))) Directory.Delete(Path.Combine(version, "provisions"), recursive: true);
        }
        Rehash(bag);
        var forged = Path.Combine(folder, "forged.zip");
        ZipFile.CreateFromDirectory(bag, forged);

        var ours = await cli.RunAsync("verify", "--bundle", forged);
        var instructions = File.ReadAllText(Path.Combine(bag, "VERIFY.md"));

        Assert.True(ours.ExitCode == EvidenceVerdict.IntegrityOnlyExitCode, ours.Output);
        Assert.Contains("INTEGRITY ONLY", ours.Output);
        Assert.Contains("nothing proves when or by whom this was made", ours.Output);
        Assert.DoesNotContain("timestamp token matches", ours.Output);
        Assert.DoesNotContain("verified", ours.Output.Replace("Not verified", ""), StringComparison.Ordinal);
        Assert.Contains("It is evidence of integrity, not of time or origin.", instructions);
        Assert.Contains("nothing in it proves when it was made", File.ReadAllText(Path.Combine(bag, "CERTIFICATE.md")));
    }

    [Fact]
    public async Task A_WARC_capture_whose_body_does_not_hash_to_the_recorded_raw_SHA_256_is_never_stored_and_is_named()
    {
        await using var t = await TrackedSite.StartAsync();
        var html = PolicyPages.Privacy(PolicyPages.Retention);
        var id = await t.TrackPrivacyPolicyAsync(html);
        var body = Encoding.UTF8.GetBytes(html);
        var url = t.Site.Url("/privacy");
        // The fault at one exact moment: the exchange's body is not the body the version records (a bit flipped in memory).
        var wire = body.ToArray();
        wire[wire.Length / 2] ^= 0x01;
        var exchange = new HttpExchange(DateTimeOffset.UtcNow, "GET", url, "HTTP/1.1", [new("Host", url.Authority)], 200, "OK",
            [new("Content-Type", "text/html; charset=utf-8")], wire, null);
        var source = new CapturedSource(url.AbsoluteUri, url.AbsoluteUri, "text/html", "html", body) { Exchange = exchange };
        var candidate = new VersionCandidate(id, DateTimeOffset.UtcNow, "# Privacy\n\nWe keep your prompts for 30 days.\n", [source], "decl");
        var before = await t.BlobCountAsync();

        var refused = await Assert.ThrowsAsync<WarcRefusedException>(() => t.Pipeline.Get<VersionRecorder>().RecordAsync(candidate));

        Assert.Contains(url.AbsoluteUri, refused.Message);
        Assert.Contains(source.Sha256[..12], refused.Message);
        Assert.Equal(before, await t.BlobCountAsync());
        Assert.Empty(await t.Ledger.ListAsync(id));
    }

    private static string Extract(string zip)
    {
        var folder = Directory.CreateTempSubdirectory("snapshots-extracted-").FullName;
        ZipFile.ExtractToDirectory(zip, folder);
        return folder;
    }

    /// <summary>A copy of the bag with one byte of one file changed (a character of text to another, a bit of a binary file).</summary>
    private static string Tampered(string zip, string entry)
    {
        var copy = Path.Combine(Path.GetDirectoryName(zip)!, $"tampered-{Guid.NewGuid():N}.zip");
        File.Copy(zip, copy);
        using var archive = ZipFile.Open(copy, ZipArchiveMode.Update);
        var original = archive.GetEntry(entry)!;
        byte[] bytes;
        using (var stream = original.Open())
        using (var buffer = new MemoryStream())
        {
            stream.CopyTo(buffer);
            bytes = buffer.ToArray();
        }
        var at = bytes.Length / 2;
        bytes[at] = bytes[at] is >= (byte)'0' and <= (byte)'8' ? (byte)(bytes[at] + 1) : bytes[at] == (byte)'9' ? (byte)'0' : (byte)(bytes[at] ^ 0x01);
        original.Delete();
        using (var stream = archive.CreateEntry(entry).Open()) stream.Write(bytes);
        return copy;
    }

    /// <summary>What a forger does last: both manifests computed again from the files as they now are.</summary>
    private static void Rehash(string bag)
    {
        string Lines(IEnumerable<string> files) => string.Concat(files.Select(f => $"{Sha256Hex.Of(File.ReadAllBytes(Path.Combine(bag, f)))}  {f}\n"));
        var all = Directory.GetFiles(bag, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(bag, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        File.WriteAllText(Path.Combine(bag, "manifest-sha256.txt"), Lines(all.Where(f => f.StartsWith("data/"))));
        File.WriteAllText(Path.Combine(bag, "tagmanifest-sha256.txt"), Lines(all.Where(f => !f.StartsWith("data/") && f != "tagmanifest-sha256.txt")));
    }

    private static IReadOnlyList<string> Steps(string instructions) =>
        ShellBlock().Matches(instructions).Select(m => m.Groups["command"].Value.Trim()).ToList();

    private static async Task<IReadOnlyList<ExternalProcess.Result>> RunAsync(IReadOnlyList<string> steps, string folder, LoopbackTimestampAuthority authority)
    {
        var results = new List<ExternalProcess.Result>();
        foreach (var step in steps)
            results.Add(await ExternalProcess.RunAsync("/bin/sh", ["-c", $"TSA_ROOT='{authority.RootCertificateFile}'; export TSA_ROOT; {step}"], folder));
        return results;
    }

    [GeneratedRegex(@"^```sh\n(?<command>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex ShellBlock();
}
