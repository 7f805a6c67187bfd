using Snapshots.IntegrationTests.Infrastructure;

namespace Snapshots.IntegrationTests.Hostile;

/// <summary>
/// <c>export -o</c> given a path it cannot write: a folder that does not exist, a folder itself, a folder it may not write
/// (sysfs refuses even root), a file in place of the folder. Each is refused with exit code 2 naming the path and the reason
/// in words; no .NET message about a <c>.partial</c> file; nothing is left behind; a file already there is
/// never touched.
/// </summary>
[Trait("Category", "Hostile")]
public sealed class ExportOutputPathProbes
{
    public static TheoryData<string, string> UnwritablePaths() => new()
    {
        { "missing/x.zip", "does not exist" },
        { "", "is a folder" },
        { "/sys/x.zip", "permission denied" },
        { "a-file/x.zip", "is a file, not a folder" },
    };

    [Theory]
    [MemberData(nameof(UnwritablePaths))]
    public async Task An_unwritable_output_is_refused_naming_the_path_and_the_reason_and_leaves_nothing(string relative, string reason)
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);
        var folder = Directory.CreateTempSubdirectory("snapshots-export-").FullName;
        File.WriteAllText(Path.Combine(folder, "a-file"), "kept");
        var path = relative.StartsWith('/') ? relative : Path.Combine(folder, relative);
        var before = Snapshot(folder);

        var (exit, output) = await new CliRunner(t.Pipeline.Configuration).RunAsync("export", id.ToString(), "-o", path);

        Assert.True(exit == 2, output);
        Assert.Contains($"cannot write {Path.GetFullPath(path)}: ", output);
        Assert.Contains(reason, output);
        Assert.DoesNotContain(".partial", output);
        Assert.Equal(before, Snapshot(folder));
        Assert.False(File.Exists("/sys/x.zip.partial"));
    }

    [Fact]
    public async Task An_existing_file_is_never_overwritten_and_a_good_path_gets_the_bundle_and_no_partial_file()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);
        var folder = Directory.CreateTempSubdirectory("snapshots-export-").FullName;
        var existing = Path.Combine(folder, "existing.zip");
        File.WriteAllText(existing, "someone else's file");
        var cli = new CliRunner(t.Pipeline.Configuration);

        var refused = await cli.RunAsync("export", id.ToString(), "-o", existing);
        var written = await cli.RunAsync("export", id.ToString(), "-o", Path.Combine(folder, "evidence.zip"));

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("already exists", refused.Output);
        Assert.Equal("someone else's file", File.ReadAllText(existing));
        Assert.Equal(0, written.ExitCode);
        Assert.Equal(["evidence.zip", "existing.zip"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    private static string Snapshot(string folder) =>
        string.Join("\n", Directory.GetFileSystemEntries(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(entry => $"{Path.GetRelativePath(folder, entry)} {(File.Exists(entry) ? File.ReadAllText(entry) : "/")}"));
}
