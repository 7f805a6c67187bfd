using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Text;

namespace Snapshots.IntegrationTests.Hostile;

/// <summary>
/// Hostile provision texts in an evidence bag (issue 22): a forger edits <c>data/versions/000001/provisions.json</c> or a provision's
/// file and recomputes both bag manifests, so that <c>sha256sum -c</c> passes and the timestamp token (over <c>chain.txt</c>) still
/// verifies. <c>verify --bundle</c> must still fail (exit 1), naming the list and the provision: a range outside <c>text.md</c>,
/// negative, reversed or overlapping; a file outside its folder; an id listed twice; a provision file altered by one byte (with
/// or without its recorded SHA-256 recomputed); and a <c>provisions.json</c> too large to read, refused without reading it.
/// The probes write their own provisions list, in the bag's format, from the paragraphs of <c>text.md</c>.
/// </summary>
[Trait("Category", "Hostile")]
public sealed partial class ProvisionBundleProbes
{
    private const string Folder = "data/versions/000001/";

    [Theory]
    [InlineData("end-past-text", "provision v1-p0 (p0): bytes", "past the")]
    [InlineData("negative-start", "provision v1-p0 (p0): bytes -5", "is not a range")]
    [InlineData("reversed", "provision v1-p0 (p0)", "is not a range")]
    [InlineData("overlapping", "provision v1-p1 (p1)", "overlap the provision before it")]
    [InlineData("file-outside", "provision v1-p0 (p0)", "its file is not provisions/v1-p0.txt")]
    [InlineData("duplicate-id", "provision v1-p0 (p0)", "listed twice")]
    [InlineData("altered-byte", "data/versions/000001/provisions/v1-p0.txt", "does not hash to its recorded SHA-256")]
    [InlineData("altered-byte-sha-recomputed", "provision v1-p0 (p0)", "is not that part of the text")]
    public async Task A_forged_provisions_list_or_file_fails_verify_bundle_naming_the_provision(string forgery, string names, string says)
    {
        await using var t = await TrackedSite.StartTimestampedAsync();
        var bag = await ExportAsync(t);
        var text = File.ReadAllBytes(Path.Combine(bag, Folder, "text.md"));
        var provisions = Paragraphs(text);
        Assert.True(provisions.Count >= 2, $"text.md has {provisions.Count} paragraphs");
        var cli = new CliRunner(t.Pipeline.Configuration);

        // The list as written from text.md passes: the forgery alone is what fails.
        Write(bag, text, provisions);
        var genuine = await cli.RunAsync("verify", "--bundle", Zip(bag));
        Assert.True(genuine.ExitCode == 0, genuine.Output);

        var (list, files) = Forge(forgery, text, provisions);
        Write(bag, text, list, files);
        var forged = await cli.RunAsync("verify", "--bundle", Zip(bag));

        Assert.True(forged.ExitCode == 1, $"{forgery}: verify --bundle\n{forged.Output}");
        Assert.Contains("data/versions/000001/provisions.json", forged.Output);
        Assert.Contains(names, forged.Output);
        Assert.Contains(says, forged.Output);
        Assert.DoesNotContain("   at ", forged.Output);

        // The bag's own VERIFY.md step for provision texts catches a changed provision file too, naming it.
        if (forgery.StartsWith("altered-byte", StringComparison.Ordinal))
        {
            var step = ShellBlock().Matches(File.ReadAllText(Path.Combine(bag, "VERIFY.md"))).Select(m => m.Groups["command"].Value.Trim())
                .SingleOrDefault(c => c.Contains("provisions.json", StringComparison.Ordinal));
            Assert.True(step is not null, "VERIFY.md has no step that checks the provision texts");
            var run = await ExternalProcess.RunAsync("/bin/sh", ["-c", step], bag);
            Assert.True(run.ExitCode != 0, run.ToString());
            Assert.Contains("data/versions/000001/provisions/v1-p0.txt", run.Output + run.Error);
        }
    }

    [Fact]
    public async Task A_provisions_json_of_40_MB_is_refused_unread_naming_the_bound()
    {
        await using var t = await TrackedSite.StartTimestampedAsync();
        var bag = await ExportAsync(t);
        var text = File.ReadAllBytes(Path.Combine(bag, Folder, "text.md"));
        var provisions = Paragraphs(text);
        // 250,000 lines of random hashes: it barely compresses, so it passes the zip's bounds and reaches the provision check.
        var huge = new StringBuilder($"{{\"format\":\"snapshots-provisions/1\",\"text\":\"text.md\",\"textSha256\":\"{Sha256Hex.Of(text)}\",\"provisions\":[\n");
        for (var i = 0; i < 250_000; i++)
            huge.Append(i == 0 ? "" : ",\n").Append($"{{\"id\":\"v1-p{i}\",\"slug\":\"p{i}\",\"clauseTypes\":[],\"start\":0,\"end\":1,\"sha256\":\"{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))}\",\"file\":\"provisions/v1-p{i}.txt\"}}");
        huge.Append("\n]}\n");
        Assert.True(huge.Length > 40_000_000);
        Write(bag, text, provisions);
        File.WriteAllText(Path.Combine(bag, Folder, "provisions.json"), huge.ToString());
        Rehash(bag);
        var zip = Zip(bag);
        GC.Collect();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var (exit, output) = await new CliRunner(t.Pipeline.Configuration).RunAsync("verify", "--bundle", zip);

        var used = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        Assert.True(exit == 1, output);
        Assert.Contains("data/versions/000001/provisions.json: is", output);
        Assert.Contains("more than the", output);
        Assert.Contains("not read", output);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
        Assert.True(used < 512L << 20, $"verify --bundle allocated {used:N0} bytes");
    }

    private static async Task<string> ExportAsync(TrackedSite t)
    {
        var id = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention + PolicyPages.Training + "<p>Contact us at privacy@example.com for anything else.</p>"));
        await t.CheckAsync(id);
        await t.DrainTimestampsAsync();
        var zip = Path.Combine(Directory.CreateTempSubdirectory("snapshots-provision-probe-").FullName, "bag.zip");
        var export = await new CliRunner(t.Pipeline.Configuration).RunAsync("export", id.ToString(), "-o", zip);
        Assert.True(export.ExitCode == 0, export.Output);
        var bag = Directory.CreateTempSubdirectory("snapshots-provision-bag-").FullName;
        ZipFile.ExtractToDirectory(zip, bag);
        return bag;
    }

    /// <summary>The byte ranges of text.md's paragraphs (blocks between blank lines), in order.</summary>
    private static List<(long Start, long End)> Paragraphs(byte[] text)
    {
        var ranges = new List<(long, long)>();
        var content = Encoding.UTF8.GetString(text);
        foreach (Match block in Regex.Matches(content, @"[^\n]+(\n[^\n]+)*"))
        {
            var start = Encoding.UTF8.GetByteCount(content.AsSpan(0, block.Index));
            ranges.Add((start, start + Encoding.UTF8.GetByteCount(block.Value)));
        }
        return ranges;
    }

    private sealed record Entry(string Id, long Start, long End, string Sha256, string File);

    private static List<Entry> Genuine(byte[] text, IReadOnlyList<(long Start, long End)> ranges) =>
        ranges.Select((r, i) => new Entry($"v1-p{i}", r.Start, r.End, Sha256Hex.Of(text.AsSpan((int)r.Start, (int)(r.End - r.Start))), $"provisions/v1-p{i}.txt")).ToList();

    /// <summary>The forged list and the provision files (name, bytes) the forger writes.</summary>
    private static (List<Entry> List, Dictionary<string, byte[]> Files) Forge(string forgery, byte[] text, IReadOnlyList<(long Start, long End)> ranges)
    {
        var list = Genuine(text, ranges);
        var files = list.ToDictionary(e => e.File, e => text[(int)e.Start..(int)e.End]);
        var first = list[0];
        switch (forgery)
        {
            case "end-past-text": list[0] = first with { End = text.Length + 100 }; break;
            case "negative-start": list[0] = first with { Start = -5 }; break;
            case "reversed": list[0] = first with { Start = first.End, End = first.Start }; break;
            case "overlapping": list[1] = list[1] with { Start = first.End - 3 }; break;
            case "file-outside": list[0] = first with { File = "../../../../etc/passwd" }; break;
            case "duplicate-id": list[1] = list[1] with { Id = first.Id }; break;
            case "altered-byte":
                files[first.File][2] ^= 0x01;
                break;
            case "altered-byte-sha-recomputed":
                files[first.File][2] ^= 0x01;
                list[0] = first with { Sha256 = Sha256Hex.Of(files[first.File]) };
                break;
            default: throw new ArgumentException(forgery);
        }
        return (list, files);
    }

    /// <summary>Replaces the version's provisions list and files with the given ones, then recomputes both manifests.</summary>
    private static void Write(string bag, byte[] text, IReadOnlyList<(long Start, long End)> ranges)
    {
        var list = Genuine(text, ranges);
        Write(bag, text, list, list.ToDictionary(e => e.File, e => text[(int)e.Start..(int)e.End]));
    }

    private static void Write(string bag, byte[] text, IReadOnlyList<Entry> list, IReadOnlyDictionary<string, byte[]> files)
    {
        var folder = Path.Combine(bag, Folder);
        if (Directory.Exists(Path.Combine(folder, "provisions"))) Directory.Delete(Path.Combine(folder, "provisions"), recursive: true);
        Directory.CreateDirectory(Path.Combine(folder, "provisions"));
        foreach (var (name, bytes) in files) File.WriteAllBytes(Path.Combine(folder, name), bytes);
        var lines = list.Select(e => $"{{\"id\":\"{e.Id}\",\"slug\":\"{e.Id[3..]}\",\"clauseTypes\":[],\"start\":{e.Start},\"end\":{e.End},\"sha256\":\"{e.Sha256}\",\"file\":\"{e.File}\"}}");
        File.WriteAllText(Path.Combine(folder, "provisions.json"),
            $"{{\"format\":\"snapshots-provisions/1\",\"text\":\"text.md\",\"textSha256\":\"{Sha256Hex.Of(text)}\",\"provisions\":[\n{string.Join(",\n", lines)}\n]}}\n");
        Rehash(bag);
    }

    /// <summary>What a forger does last: both manifests computed again from the files as they now are.</summary>
    private static void Rehash(string bag)
    {
        string Lines(IEnumerable<string> files) => string.Concat(files.Select(f => $"{Sha256Hex.Of(File.ReadAllBytes(Path.Combine(bag, f)))}  {f}\n"));
        var all = Directory.GetFiles(bag, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(bag, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        File.WriteAllText(Path.Combine(bag, "manifest-sha256.txt"), Lines(all.Where(f => f.StartsWith("data/"))));
        File.WriteAllText(Path.Combine(bag, "tagmanifest-sha256.txt"), Lines(all.Where(f => !f.StartsWith("data/") && f != "tagmanifest-sha256.txt")));
    }

    private static string Zip(string bag)
    {
        var zip = Path.Combine(Directory.CreateTempSubdirectory("snapshots-provision-zip-").FullName, "forged.zip");
        ZipFile.CreateFromDirectory(bag, zip);
        return zip;
    }

    [GeneratedRegex(@"^```sh\n(?<command>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex ShellBlock();
}
