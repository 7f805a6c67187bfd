using System.Text.RegularExpressions;
using NetArchTest.Rules;

namespace Snapshots.Tests.Architecture;

/// <summary>Folders of the library depend one way: checked in the compiled types and in the source text.</summary>
public sealed partial class OneWayFoldersTests
{
    private static readonly System.Reflection.Assembly Library = typeof(SnapshotsServiceCollectionExtensions).Assembly;

    public static TheoryData<string> Folders() => new(LibraryLayers.BottomUp);

    [Theory]
    [MemberData(nameof(Folders))]
    public void Compiled_types_of_a_folder_use_no_folder_above_it(string folder)
    {
        var above = LibraryLayers.Above(folder).Select(f => $"Snapshots.{f}").ToArray();
        if (above.Length == 0) return; // the top folder may use everything below it

        var result = Types.InAssembly(Library)
            .That().ResideInNamespace($"Snapshots.{folder}")
            .ShouldNot().HaveDependencyOnAny(above)
            .GetResult();

        Assert.True(result.IsSuccessful,
            $"Snapshots.{folder} uses a folder above it: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void Every_folder_of_the_library_has_its_place_and_its_namespace()
    {
        var source = LibrarySource();
        var folders = Directory.GetDirectories(source).Select(Path.GetFileName)
            .Where(name => name is not ("bin" or "obj"))
            .Where(name => Directory.EnumerateFiles(Path.Combine(source, name!), "*", SearchOption.AllDirectories).Any()) // git keeps no empty folder
            .Order().ToList();
        Assert.Equal(LibraryLayers.BottomUp.Order(), folders);

        foreach (var file in Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories).Where(InAFolder))
        {
            var folder = FolderOf(source, file);
            var declared = NamespaceDeclaration().Match(File.ReadAllText(file));
            Assert.True(declared.Success, $"{file} declares no namespace");
            Assert.Equal($"Snapshots.{folder}", declared.Groups[1].Value);
        }
    }

    [Fact]
    public void Source_of_a_folder_names_no_folder_above_it()
    {
        var source = LibrarySource();
        var violations = new List<string>();
        foreach (var file in Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories).Where(InAFolder))
        {
            var folder = FolderOf(source, file);
            var above = LibraryLayers.Above(folder).ToHashSet();
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (Match match in FolderReference().Matches(lines[i]))
                    if (above.Contains(match.Groups[1].Value))
                        violations.Add($"{Path.GetRelativePath(source, file)}:{i + 1}: {lines[i].Trim()}");
            }
        }

        Assert.True(violations.Count == 0, "folders reach up:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void The_source_check_notices_a_folder_that_reaches_up()
    {
        // The pattern the check relies on, tried on lines that must and must not match.
        Assert.Equal("Pipeline", FolderReference().Match("using Snapshots.Pipeline;").Groups[1].Value);
        Assert.Equal("Email", FolderReference().Match("var x = Snapshots.Email.DigestComposer.Compose();").Groups[1].Value);
        Assert.DoesNotMatch(FolderReference(), "// Snapshots are great; Snapshots.Textual");
    }

    private static bool InAFolder(string file) =>
        !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
        && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")
        && Path.GetDirectoryName(file) != LibrarySource();

    private static string FolderOf(string source, string file) =>
        Path.GetRelativePath(source, file).Split(Path.DirectorySeparatorChar)[0];

    private static string LibrarySource() => Path.Combine(RepositoryRoot.Path, "src", "Snapshots");

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    /// <summary><c>using Snapshots.X;</c> and qualified <c>Snapshots.X.Name</c> references.</summary>
    [GeneratedRegex(@"\bSnapshots\.(Text|Storage|Messaging|Catalog|Fetching|Extraction|Archive|Ledger|Changes|Provisions|Tracking|Subscribers|Email|Channels|Pipeline)\b(?=\s*;|\.[A-Z])")]
    private static partial Regex FolderReference();
}
