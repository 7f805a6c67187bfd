using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using Snapshots.Archive;
using Snapshots.IntegrationTests.Infrastructure;

namespace Snapshots.IntegrationTests.Archive;

/// <summary>
/// <c>snapshots export</c> bundles checked the way their VERIFY.md says: every <c>sh</c> block run as written, in its own
/// <c>sh</c> process (sha256sum, sed, openssl ts -verify), and by <c>snapshots verify --bundle</c>.
/// </summary>
public sealed partial class EvidenceBundleTests
{
    [Fact]
    public async Task A_document_with_50_versions_is_exported_whole_and_every_VERIFY_md_step_passes()
    {
        await using var t = await TrackedSite.StartTimestampedAsync();
        var id = await t.TrackPrivacyPolicyAsync(Page(1));
        await t.CheckAsync(id);
        for (var n = 2; n <= 50; n++) Assert.True((await t.ChangeAsync(id, Page(n))).IsChange);
        await t.DrainTimestampsAsync();
        Assert.All(await t.Ledger.ListAsync(id), v => Assert.True(v.IsTimestamped, $"version {v.Sequence} has no token"));
        var cli = new CliRunner(t.Pipeline.Configuration);
        var folder = Directory.CreateTempSubdirectory("snapshots-bundle-").FullName;
        var zip = Path.Combine(folder, "bundle.zip");

        var export = await cli.RunAsync("export", id.ToString(), "-o", zip);

        Assert.True(export.ExitCode == 0, export.Output);
        Assert.Contains("50 versions, 50 timestamp tokens", export.Output);
        var extracted = Extract(zip);
        using (var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(extracted, "data", "manifest.json"))))
        {
            var versions = manifest.RootElement.GetProperty("versions");
            Assert.Equal(50, versions.GetArrayLength());
            Assert.Equal(HashChain.Genesis, manifest.RootElement.GetProperty("previousChainHash").GetString());
            Assert.All(versions.EnumerateArray(), v => Assert.Equal(LoopbackTimestampAuthority.SignerName, v.GetProperty("timestamp").GetProperty("signer").GetString()));
        }
        Assert.Equal(50, File.ReadAllLines(Path.Combine(extracted, "data", "citations.txt")).Count(l => l.Contains("timestamped by")));
        var steps = await RunVerifyStepsAsync(extracted, t.Authority);
        // Three steps, the fourth of long-term timestamps (each version's token list, one authority here), the fifth of provision texts.
        Assert.Equal(5, steps.Count);
        Assert.All(steps, s => Assert.True(s.Result.ExitCode == 0, $"{s.Command}\n{s.Result}"));
        Assert.Equal(50, Regex.Count(steps[2].Result.Output, "Verification: OK"));
        Assert.Equal(50, Regex.Count(steps[3].Result.Output, "Verification: OK"));
        Assert.Equal(0, (await cli.RunAsync("verify", "--bundle", zip)).ExitCode);
    }

    [Fact]
    public async Task A_bundle_from_a_later_version_carries_the_previous_chain_hash_and_a_tampered_byte_fails_our_verify_and_the_standard_tools()
    {
        await using var t = await TrackedSite.StartTimestampedAsync();
        var id = await t.TrackPrivacyPolicyAsync(Page(1));
        await t.CheckAsync(id);
        await t.ChangeAsync(id, Page(2));
        await t.ChangeAsync(id, Page(3));
        await t.DrainTimestampsAsync();
        var versions = await t.Ledger.ListAsync(id);
        var cli = new CliRunner(t.Pipeline.Configuration);
        var folder = Directory.CreateTempSubdirectory("snapshots-bundle-").FullName;
        var zip = Path.Combine(folder, "bundle.zip");

        Assert.Equal(0, (await cli.RunAsync("export", id.ToString(), "--from", "2", "--to", "3", "-o", zip)).ExitCode);

        var intact = Extract(zip);
        Assert.Contains(versions[0].ChainHash, File.ReadAllText(Path.Combine(intact, "VERIFY.md")));
        Assert.False(Directory.Exists(Path.Combine(intact, "data", "versions", "000001")));
        Assert.All(await RunVerifyStepsAsync(intact, t.Authority), s => Assert.True(s.Result.ExitCode == 0, $"{s.Command}\n{s.Result}"));
        Assert.Equal(0, (await cli.RunAsync("verify", "--bundle", zip)).ExitCode);

        // One byte of a snapshot's text changed: sha256sum -c and the chain link step fail, and so does our verify.
        var text = Tampered(zip, "data/versions/000002/text.md", bytes => bytes[bytes.Length / 2] ^= 0x20);
        var textSteps = await RunVerifyStepsAsync(Extract(text), t.Authority);
        Assert.NotEqual(0, textSteps[0].Result.ExitCode);
        Assert.Contains("data/versions/000002/text.md: FAILED", textSteps[0].Result.Output);
        Assert.NotEqual(0, textSteps[1].Result.ExitCode);
        var ours = await cli.RunAsync("verify", "--bundle", text);
        Assert.Equal(1, ours.ExitCode);
        Assert.Contains("data/versions/000002/text.md does not hash", ours.Output);

        // One byte of a capture time changed: the openssl ts -verify step fails too (the token's imprint no longer matches).
        var time = Tampered(zip, "data/versions/000003/chain.txt", bytes => bytes[152] = (byte)(bytes[152] == (byte)'1' ? '2' : '1'));
        var timeSteps = await RunVerifyStepsAsync(Extract(time), t.Authority);
        Assert.NotEqual(0, timeSteps[0].Result.ExitCode);
        Assert.NotEqual(0, timeSteps[2].Result.ExitCode);
        Assert.Contains("Verification: FAILED", timeSteps[2].Result.Output + timeSteps[2].Result.Error);
        Assert.Equal(1, (await cli.RunAsync("verify", "--bundle", time)).ExitCode);
    }

    private static string Page(int n) => PolicyPages.Privacy($"<h2>Data retention</h2><p>We keep your prompts for {n} days.</p>");

    private static string Extract(string zip)
    {
        var folder = Directory.CreateTempSubdirectory("snapshots-extracted-").FullName;
        ZipFile.ExtractToDirectory(zip, folder);
        return folder;
    }

    /// <summary>A copy of the bundle with one entry changed.</summary>
    private static string Tampered(string zip, string entry, Action<byte[]> change)
    {
        var copy = Path.Combine(Path.GetDirectoryName(zip)!, $"tampered-{Guid.NewGuid():N}.zip");
        File.Copy(zip, copy);
        using var archive = ZipFile.Open(copy, ZipArchiveMode.Update);
        var original = archive.GetEntry(entry) ?? throw new InvalidOperationException($"{entry} is not in the bundle");
        byte[] bytes;
        using (var stream = original.Open())
        using (var buffer = new MemoryStream())
        {
            stream.CopyTo(buffer);
            bytes = buffer.ToArray();
        }
        change(bytes);
        original.Delete();
        using (var stream = archive.CreateEntry(entry).Open()) stream.Write(bytes);
        return copy;
    }

    /// <summary>
    /// Every ```sh block of the bundle's VERIFY.md, each run as written by its own /bin/sh in the bundle's folder, with TSA_ROOT
    /// naming the authority's root as the verifier obtained it (from the authority, not the bundle).
    /// </summary>
    private static async Task<IReadOnlyList<(string Command, ExternalProcess.Result Result)>> RunVerifyStepsAsync(string folder, LoopbackTimestampAuthority authority)
    {
        var instructions = File.ReadAllText(Path.Combine(folder, "VERIFY.md"));
        var results = new List<(string, ExternalProcess.Result)>();
        foreach (Match block in ShellBlock().Matches(instructions))
        {
            var command = block.Groups["command"].Value.Trim();
            results.Add((command, await ExternalProcess.RunAsync("/bin/sh", ["-c", $"TSA_ROOT='{authority.RootCertificateFile}'; export TSA_ROOT; {command}"], folder)));
        }
        return results;
    }

    [GeneratedRegex(@"^```sh\n(?<command>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex ShellBlock();
}
