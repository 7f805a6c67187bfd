using System.Text.RegularExpressions;

namespace Snapshots.Tests.Architecture;

/// <summary>
/// The test folders mirror the house: a test sits in the folder of the library capability it tests (or of the host project,
/// Web, Cli or Functions), and its namespace follows the folder. Besides those, only Architecture (this), Hostile (the
/// probe suite eval/hostile/run.sh runs) and Infrastructure (the integration tests' real parts) are folders of their own.
/// </summary>
public sealed partial class TestFoldersTests
{
    private static readonly string[] Hosts = ["Web", "Cli", "Functions"];
    private static readonly string[] CrossCutting = ["Architecture", "Hostile", "Infrastructure"];

    public static TheoryData<string> Projects() => new("Snapshots.Tests", "Snapshots.IntegrationTests");

    [Theory]
    [MemberData(nameof(Projects))]
    public void Every_test_folder_is_a_capability_of_src_or_a_host(string project)
    {
        var allowed = LibraryLayers.BottomUp.Concat(Hosts).Concat(CrossCutting).ToHashSet(StringComparer.Ordinal);
        var strays = Folders(project).Where(f => !allowed.Contains(f)).ToList();
        Assert.True(strays.Count == 0,
            $"tests/{project} has folders that are no folder of src/Snapshots nor a host project: {string.Join(", ", strays)}. Move their tests to the capability they test.");
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Every_test_file_has_the_namespace_of_its_folder(string project)
    {
        var root = Path.Combine(RepositoryRoot.Path, "tests", project);
        var wrong = new List<string>();
        foreach (var folder in Folders(project))
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            {
                var declared = Namespace().Match(File.ReadAllText(file));
                if (!declared.Success || declared.Groups[1].Value != $"{project}.{folder}")
                    wrong.Add($"{Path.GetRelativePath(root, file)} ({(declared.Success ? declared.Groups[1].Value : "no namespace")})");
            }
        Assert.True(wrong.Count == 0, $"tests/{project}: these files do not have the namespace {project}.{{Folder}} of their folder: {string.Join(", ", wrong)}");
    }

    private static IEnumerable<string> Folders(string project) =>
        Directory.GetDirectories(Path.Combine(RepositoryRoot.Path, "tests", project)).Select(Path.GetFileName).OfType<string>()
            .Where(name => name is not ("bin" or "obj"))
            .Where(name => Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "tests", project, name), "*.cs", SearchOption.AllDirectories).Any());

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex Namespace();
}
