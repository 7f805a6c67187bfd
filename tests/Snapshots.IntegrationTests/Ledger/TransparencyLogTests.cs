using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Snapshots.Archive;
using Snapshots.Cli.Local;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Ledger;
using Snapshots.Tracking;

namespace Snapshots.IntegrationTests.Ledger;

/// <summary>
/// The transparency log on Azurite: checks and versions become leaves once, checkpoints are signed (checked with
/// <c>openssl pkeyutl</c>) and timestamped (loopback <c>openssl ts</c> authority), every proof is recomputed by the independent
/// <c>eval/log/verify-proof.js</c>, and <c>verify --log</c> names each kind of tampering.
/// </summary>
public sealed class TransparencyLogTests
{
    public static readonly string SigningKey = CheckpointSigner.NewKey();
    public static Dictionary<string, string?> Settings() => new() { ["Log:SigningKey"] = SigningKey, ["Log:Origin"] = "test.snapshots/log" };

    [Fact]
    public async Task Checks_and_versions_become_leaves_once_in_signed_timestamped_checkpoints_that_openssl_and_the_independent_script_verify()
    {
        await using var t = await TrackedSite.StartTimestampedAsync(Settings());
        var id = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));
        Assert.Equal(CaptureStatus.First, (await t.CheckAsync(id)).Status);
        Assert.Equal(CaptureStatus.Unchanged, (await t.CheckAsync(id)).Status);
        Assert.Equal(CaptureStatus.Unchanged, (await t.CheckAsync(id)).Status);
        Assert.Equal(CaptureStatus.Changed, (await t.ChangeAsync(id, PolicyPages.Privacy(PolicyPages.Retention + PolicyPages.Training))).Status);
        Assert.Equal(CaptureStatus.Unchanged, (await t.CheckAsync(id)).Status);

        var sequencer = t.Pipeline.Get<LogSequencer>();
        var pass = await sequencer.RunAsync();
        Assert.Equal(5, pass.Appended);
        Assert.NotNull(pass.NewCheckpoint);
        Assert.NotNull(pass.NewCheckpoint!.Token);

        // Re-delivered appends: the same version owed again, and a second pass, add nothing.
        await t.Pipeline.Get<LogAppender>().AddVersionAsync(await t.Ledger.GetAsync(id, 1));
        var again = await sequencer.RunAsync();
        Assert.Equal(0, again.Appended);
        Assert.Equal(5, again.Size);
        Assert.Null(again.NewCheckpoint);
        Assert.Empty(await t.Pipeline.Get<TransparencyLog>().PendingAsync());

        var leaves = await t.Pipeline.Get<TransparencyLog>().LeavesAsync();
        Assert.Equal(["version", "check", "check", "version", "check"], leaves.Select(l => l.Data.Split('\n')[1]["kind ".Length..]));
        var texts = (await t.Ledger.ListAsync(id)).Select(v => v.TextSha256).ToList();
        Assert.Equal([texts[0], texts[0], texts[0], texts[1], texts[1]], leaves.Select(l => l.Data.Split('\n').Single(x => x.StartsWith("text ", StringComparison.Ordinal))[5..]));

        using var folder = new TemporaryFolder();
        var checkpoint = pass.NewCheckpoint;
        await WriteCheckpointFilesAsync(folder.Path, checkpoint, t.Pipeline.Get<CheckpointSigner>());
        var verified = await ExternalProcess.RunAsync("openssl",
            ["pkeyutl", "-verify", "-pubin", "-inkey", "public-key.pem", "-rawin", "-in", "checkpoint.body", "-sigfile", "checkpoint.sig"], folder.Path);
        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.Contains("Signature Verified Successfully", verified.Output);
        var tsa = await ExternalProcess.RunAsync("openssl", ["ts", "-verify", "-digest", Text.Sha256Hex.Of(checkpoint.Note), "-in", "checkpoint.tsr", "-CAfile", t.Authority.RootCertificateFile], folder.Path);
        Assert.True(tsa.ExitCode == 0, tsa.ToString());

        var proofs = t.Pipeline.Get<LogProofs>();
        for (var i = 0; i < 5; i++)
        {
            var proof = await proofs.InclusionAsync(i, 5);
            var file = Path.Combine(folder.Path, $"inclusion-{i}.json");
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(proof, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
            var checkedProof = await VerifyProofAsync(folder.Path, "inclusion", file, "checkpoint.txt");
            Assert.True(checkedProof.ExitCode == 0, checkedProof.ToString());
            Assert.Contains($"OK leaf {i} is in the tree of size 5", checkedProof.Output);
        }
        // A proof with one hash of its path changed fails the script.
        var bad = await proofs.InclusionAsync(2, 5);
        var forged = bad with { AuditPath = [.. bad.AuditPath.Select((h, n) => n == 0 ? Flip(h) : h)] };
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "forged.json"), JsonSerializer.Serialize(forged, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        var refused = await VerifyProofAsync(folder.Path, "inclusion", "forged.json", "checkpoint.txt");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("FAILED", refused.Output);

        for (var from = 1; from <= 5; from++)
        {
            var consistency = await proofs.ConsistencyAsync(from, 5);
            var file = Path.Combine(folder.Path, $"consistency-{from}.json");
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(consistency, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
            var checkedProof = await VerifyProofAsync(folder.Path, "consistency", file);
            Assert.True(checkedProof.ExitCode == 0, checkedProof.ToString());
        }

        var cli = await new CliRunner(t.Pipeline.Configuration).RunAsync("verify", "--log");
        Assert.True(cli.ExitCode == 0, cli.Output);
        Assert.Contains("verified", cli.Output);
        Assert.Contains("5 leaves", cli.Output);
        Assert.Contains("1 timestamped", cli.Output);
    }

    [Fact]
    public async Task An_attestation_covers_the_unchanged_checks_of_its_window_and_its_VERIFY_steps_pass()
    {
        await using var t = await TrackedSite.StartTimestampedAsync(Settings());
        var id = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));
        Assert.Equal(CaptureStatus.First, (await t.CheckAsync(id)).Status);
        await Task.Delay(20);
        var from = DateTimeOffset.UtcNow;
        for (var i = 0; i < 3; i++) Assert.Equal(CaptureStatus.Unchanged, (await t.CheckAsync(id)).Status);
        var to = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        Assert.Equal(CaptureStatus.Unchanged, (await t.CheckAsync(id)).Status);
        await t.Pipeline.Get<LogSequencer>().RunAsync();

        using var folder = new TemporaryFolder();
        var zip = Path.Combine(folder.Path, "attestation.zip");
        var run = await new CliRunner(t.Pipeline.Configuration).RunAsync("attest", id.ToString(), "--from", from.ToString("O"), "--to", to.ToString("O"), "-o", zip);
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("3 unchanged checks and 0 versions", run.Output);
        Assert.Contains("one text throughout", run.Output);
        var unzipped = Path.Combine(folder.Path, "bundle");
        ZipFile.ExtractToDirectory(zip, unzipped);

        using var attestation = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(unzipped, "attestation.json")));
        var entries = attestation.RootElement.GetProperty("leaves").EnumerateArray().ToList();
        Assert.Equal(3, entries.Count);
        Assert.All(entries, e => Assert.Equal("check", e.GetProperty("kind").GetString()));
        var text = (await t.Ledger.GetAsync(id, 1)).TextSha256;
        Assert.Equal([text], attestation.RootElement.GetProperty("textSha256s").EnumerateArray().Select(e => e.GetString()));
        Assert.All(entries, e => Assert.InRange(DateTimeOffset.Parse(e.GetProperty("time").GetString()!), from, to));

        var sums = await ExternalProcess.RunAsync("sha256sum", ["-c", "SHA256SUMS"], unzipped);
        Assert.True(sums.ExitCode == 0, sums.ToString());
        var signature = await ExternalProcess.RunAsync("openssl",
            ["pkeyutl", "-verify", "-pubin", "-inkey", "public-key.pem", "-rawin", "-in", "checkpoint.body", "-sigfile", "checkpoint.sig"], unzipped);
        Assert.True(signature.ExitCode == 0, signature.ToString());
        foreach (var proof in Directory.GetFiles(Path.Combine(unzipped, "inclusion")))
        {
            var result = await ExternalProcess.RunAsync("node", ["verify-proof.js", "inclusion", proof, "checkpoint.txt"], unzipped);
            Assert.True(result.ExitCode == 0, result.ToString());
        }
        var tsa = await ExternalProcess.RunAsync("bash", ["-c", $"openssl ts -verify -digest $(sha256sum checkpoint.txt | cut -c1-64) -in checkpoint.tsr -CAfile '{t.Authority.RootCertificateFile}'"], unzipped);
        Assert.True(tsa.ExitCode == 0, tsa.ToString());
        Assert.Contains("openssl pkeyutl -verify", await File.ReadAllTextAsync(Path.Combine(unzipped, "VERIFY.md")));
        Assert.Contains("not what the server sent to others", await File.ReadAllTextAsync(Path.Combine(unzipped, "README.md")));

        // A window with no check in it is refused, naming why.
        var empty = await new CliRunner(t.Pipeline.Configuration).RunAsync("attest", id.ToString(), "--from", "2001-01-01", "--to", "2001-01-02", "-o", Path.Combine(folder.Path, "none.zip"));
        Assert.Equal(1, empty.ExitCode);
        Assert.Contains("holds no check or version", empty.Output);
    }

    [Fact]
    public async Task The_export_bundle_carries_the_checkpoint_and_an_inclusion_proof_per_version_and_still_verifies()
    {
        await using var t = await TrackedSite.StartAsync(Settings());
        var id = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);
        await t.ChangeAsync(id, PolicyPages.Privacy(PolicyPages.Retention + PolicyPages.Training));
        await t.Pipeline.Get<LogSequencer>().RunAsync();

        using var folder = new TemporaryFolder();
        var zip = Path.Combine(folder.Path, "export.zip");
        var export = await new CliRunner(t.Pipeline.Configuration).RunAsync("export", id.ToString(), "-o", zip);
        Assert.True(export.ExitCode == 0, export.Output);
        var check = await new CliRunner(t.Pipeline.Configuration).RunAsync("verify", "--bundle", zip);
        // No authority here: every file matches, but no token vouches for a time (integrity only, exit 3).
        Assert.True(check.ExitCode == EvidenceVerdict.IntegrityOnlyExitCode, check.Output);
        var unzipped = Path.Combine(folder.Path, "bundle");
        ZipFile.ExtractToDirectory(zip, unzipped);
        var log = Path.Combine(unzipped, "data", "log");
        Assert.True(File.Exists(Path.Combine(log, "inclusion", "v1.json")));
        Assert.True(File.Exists(Path.Combine(log, "inclusion", "v2.json")));
        foreach (var proof in Directory.GetFiles(Path.Combine(log, "inclusion")))
        {
            var result = await ExternalProcess.RunAsync("node", ["verify-proof.js", "inclusion", proof, "checkpoint.txt"], log);
            Assert.True(result.ExitCode == 0, result.ToString());
        }
        var signature = await ExternalProcess.RunAsync("openssl",
            ["pkeyutl", "-verify", "-pubin", "-inkey", "public-key.pem", "-rawin", "-in", "checkpoint.body", "-sigfile", "checkpoint.sig"], log);
        Assert.True(signature.ExitCode == 0, signature.ToString());
    }

    public enum Tampering { VersionRowDeleted, ChainRewrittenFromItsStart, BackDatedVersionAddedToTheTable, BackDatedVersionSequenced, LeafAltered, LeafDeleted }

    [Theory]
    [InlineData(Tampering.VersionRowDeleted, "version example-ai/privacy-policy #2: in leaf 1 but its row is missing (deleted)")]
    [InlineData(Tampering.ChainRewrittenFromItsStart, "version example-ai/privacy-policy #1: chain hash")]
    [InlineData(Tampering.BackDatedVersionAddedToTheTable, "version example-ai/privacy-policy #3: not in the log and not pending")]
    [InlineData(Tampering.BackDatedVersionSequenced, "version example-ai/privacy-policy #3: captured")]
    [InlineData(Tampering.LeafAltered, "leaf 0: altered")]
    [InlineData(Tampering.LeafDeleted, "leaf 1: missing")]
    public async Task Verify_log_names_each_kind_of_tampering(Tampering tampering, string named)
    {
        await using var t = await TrackedSite.StartAsync(Settings());
        var id = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);
        await t.ChangeAsync(id, PolicyPages.Privacy(PolicyPages.Retention + PolicyPages.Training));
        await t.Pipeline.Get<LogSequencer>().RunAsync();
        var clean = await new CliRunner(t.Pipeline.Configuration).RunAsync("verify", "--log");
        Assert.True(clean.ExitCode == 0, clean.Output);

        var storage = t.Pipeline.Storage;
        switch (tampering)
        {
            case Tampering.VersionRowDeleted:
                await storage.Versions.DeleteEntityAsync(id.VersionsPartitionKey, VersionRecord.RowKeyOf(2));
                break;
            case Tampering.ChainRewrittenFromItsStart:
                // Every link recomputed from a forged first version: the chain itself still verifies, the log does not.
                foreach (var version in await t.Ledger.ListAsync(id))
                {
                    version.PreviousChainHash = version.Sequence == 1 ? HashChain.Genesis : (await t.Ledger.GetAsync(id, version.Sequence - 1)).ChainHash;
                    version.CapturedAt = version.CapturedAt.AddSeconds(-1);
                    version.ChainHash = HashChain.Of(version)!;
                    await storage.Versions.UpdateEntityAsync(version, Azure.ETag.All, TableUpdateMode.Replace);
                }
                break;
            case Tampering.BackDatedVersionAddedToTheTable:
            case Tampering.BackDatedVersionSequenced:
            {
                var latest = await t.Ledger.GetAsync(id, 2);
                var forged = await t.Ledger.GetAsync(id, 2);
                forged.RowKey = VersionRecord.RowKeyOf(3);
                forged.Sequence = 3;
                forged.CapturedAt = latest.CapturedAt.AddDays(-2);
                forged.PreviousChainHash = latest.ChainHash;
                forged.ChainHash = HashChain.Of(forged)!;
                forged.ETag = default;
                await storage.Versions.AddEntityAsync(forged);
                if (tampering == Tampering.BackDatedVersionSequenced)
                {
                    await t.Pipeline.Get<LogAppender>().AddVersionAsync(forged);
                    await t.Pipeline.Get<LogSequencer>().RunAsync();
                }
                break;
            }
            case Tampering.LeafAltered:
            {
                var leaf = await storage.TransparencyLog.GetEntityAsync<TableEntity>("leaf", "000000000000");
                leaf.Value["Data"] = ((string)leaf.Value["Data"]).Replace("origin live", "origin import", StringComparison.Ordinal);
                await storage.TransparencyLog.UpdateEntityAsync(leaf.Value, Azure.ETag.All, TableUpdateMode.Replace);
                break;
            }
            case Tampering.LeafDeleted:
                await storage.TransparencyLog.DeleteEntityAsync("leaf", "000000000001");
                break;
        }

        var report = await new CliRunner(t.Pipeline.Configuration).RunAsync("verify", "--log");
        Assert.Equal(1, report.ExitCode);
        Assert.Contains(named, report.Output);
        if (tampering == Tampering.LeafAltered) Assert.Contains("checkpoint 2: the root recomputed from leaves 0..1 differs from the signed root", report.Output);
        if (tampering == Tampering.LeafDeleted) Assert.Contains("checkpoint 2: leaves of the tree are missing", report.Output);
    }

    internal static async Task WriteCheckpointFilesAsync(string folder, Checkpoint checkpoint, CheckpointSigner signer)
    {
        var note = SignedNote.Parse(checkpoint.Note)!;
        await File.WriteAllTextAsync(Path.Combine(folder, "checkpoint.txt"), checkpoint.Note);
        await File.WriteAllBytesAsync(Path.Combine(folder, "checkpoint.body"), Encoding.UTF8.GetBytes(note.Body));
        await File.WriteAllBytesAsync(Path.Combine(folder, "checkpoint.sig"), note.Signatures[0].Signature);
        await File.WriteAllTextAsync(Path.Combine(folder, "public-key.pem"), signer.PublicKeyPem);
        if (checkpoint.Token is { } token) await File.WriteAllBytesAsync(Path.Combine(folder, "checkpoint.tsr"), token);
    }

    internal static Task<ExternalProcess.Result> VerifyProofAsync(string folder, params string[] arguments) =>
        ExternalProcess.RunAsync("node", [Path.Combine(RepositoryRoot.Find()!, "eval", "log", "verify-proof.js"), .. arguments], folder);

    private static string Flip(string hex) => (hex[0] == '0' ? "1" : "0") + hex[1..];

    private sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("snapshots-log-").FullName;
        public void Dispose() { try { Directory.Delete(Path, recursive: true); } catch (IOException) { } }
    }
}
