using System.Reflection;
using System.Text.RegularExpressions;
using Snapshots.Storage;

namespace Snapshots.Tests.Architecture;

/// <summary>
/// <c>docs/architecture.md</c> names what exists and nothing else: every table, blob container and queue (with its poison
/// queue) in its storage table, every folder of the library in its folder table (in layer order), every function of the
/// Functions app in its functions table; and every name those tables hold exists in the code. A folder row marked
/// "(being added)" may name a folder that does not exist yet, and must lose the mark once it does.
/// </summary>
public sealed partial class ArchitectureDocumentTests
{
    private const string DocumentPath = "docs/architecture.md";
    private const string StorageSection = "Storage model";
    private const string FoldersSection = "Library folders";
    private const string FunctionsSection = "Functions and handlers";
    private const string PlannedMark = "(being added)";

    [Fact]
    public void Every_table_container_and_queue_of_the_code_is_in_the_storage_table()
    {
        var documented = StorageRows().SelectMany(row => row.Names).ToHashSet(StringComparer.Ordinal);
        var missing = StorageNamesInCode().Where(name => !documented.Contains(name)).ToList();
        Assert.True(missing.Count == 0,
            $"{DocumentPath}, section '{StorageSection}', has no row for: {string.Join(", ", missing)}. Add a row whose first column holds the name in backticks, with its keys or path and what it holds.");
    }

    [Fact]
    public void Every_name_in_the_storage_table_exists_in_the_code()
    {
        var inCode = StorageNamesInCode().ToHashSet(StringComparer.Ordinal);
        var unknown = StorageRows().SelectMany(row => row.Names).Where(name => !inCode.Contains(name)).Distinct().ToList();
        Assert.True(unknown.Count == 0,
            $"{DocumentPath}, section '{StorageSection}', names what Storage/StorageNames.cs and Storage/QueueNames.cs do not define: {string.Join(", ", unknown)}.");
    }

    [Fact]
    public void Every_library_folder_is_in_the_folder_table_in_layer_order()
    {
        var rows = FolderRows();
        var documented = rows.Where(row => !row.Planned).SelectMany(row => row.Names).ToList();
        var planned = rows.Where(row => row.Planned).SelectMany(row => row.Names).ToHashSet(StringComparer.Ordinal); // the next test speaks for them
        var missing = LibraryFolders().Where(folder => !documented.Contains(folder, StringComparer.Ordinal) && !planned.Contains(folder)).ToList();
        Assert.True(missing.Count == 0,
            $"{DocumentPath}, section '{FoldersSection}', has no row for the library folder(s) {string.Join(", ", missing.Select(f => $"`{f}/`"))}: add one in its layer, saying what it holds and what it may use.");

        var layered = documented.Where(LibraryLayers.BottomUp.Contains).ToList();
        var bottomUp = LibraryLayers.BottomUp.Where(documented.Contains).ToList();
        Assert.True(layered.SequenceEqual(bottomUp),
            $"{DocumentPath}, section '{FoldersSection}', lists the folders as {string.Join(", ", layered)}; bottom up they are {string.Join(", ", bottomUp)} (LibraryLayers.BottomUp).");
    }

    [Fact]
    public void Every_folder_the_folder_table_names_exists_unless_it_is_being_added()
    {
        var existing = LibraryFolders().ToHashSet(StringComparer.Ordinal);
        var rows = FolderRows();
        var absent = rows.Where(row => !row.Planned).SelectMany(row => row.Names).Where(name => !existing.Contains(name)).ToList();
        Assert.True(absent.Count == 0,
            $"{DocumentPath}, section '{FoldersSection}', names folder(s) that src/Snapshots does not have: {string.Join(", ", absent)}. Remove the row, or mark it {PlannedMark} while the folder is on its way.");

        var arrived = rows.Where(row => row.Planned).SelectMany(row => row.Names).Where(existing.Contains).ToList();
        Assert.True(arrived.Count == 0,
            $"{DocumentPath}, section '{FoldersSection}', still marks {string.Join(", ", arrived)} {PlannedMark}, and src/Snapshots has it now: drop the mark and say what the folder holds (its key types).");
    }

    [Fact]
    public void Every_function_with_a_trigger_is_in_the_functions_table_and_nothing_else_is()
    {
        var documented = Rows(FunctionsSection).SelectMany(row => row.Names).ToHashSet(StringComparer.Ordinal);
        var functions = TriggeredFunctionClasses();
        Assert.NotEmpty(functions);

        var missing = functions.Where(name => !documented.Contains(name)).ToList();
        Assert.True(missing.Count == 0,
            $"{DocumentPath}, section '{FunctionsSection}', has no row for the function(s) {string.Join(", ", missing)}: add one with its trigger and handler.");
        var unknown = documented.Where(name => !functions.Contains(name)).ToList();
        Assert.True(unknown.Count == 0,
            $"{DocumentPath}, section '{FunctionsSection}', names what src/Snapshots.Functions has no triggered class for: {string.Join(", ", unknown)}.");
    }

    [Fact]
    public void The_reader_takes_the_backticked_names_of_the_first_column_of_one_section_only()
    {
        const string markdown = """
            # Title
            ## Storage model
            Text with `prose` names is not read.
            | name | kind |
            |---|---|
            | `documents` | table with `not-this` |
            | `capture-poison`, `emails-poison` | queues |
            | `Provisions/` (being added) | folder |
            ```
            | `in-a-code-block` | ignored |
            ```
            ### A subsection
            | `sub` | still in the section |
            ## Next section
            | `outside` | not read |
            """;

        var rows = Rows(markdown, "Storage model");
        Assert.Equal(["documents", "capture-poison", "emails-poison", "Provisions/", "sub"], rows.SelectMany(r => r.Names));
        Assert.Equal([false, false, true, false], rows.Select(r => r.Planned));
        Assert.Equal(["sub"], Rows(markdown, "A subsection").SelectMany(r => r.Names));
        Assert.Throws<InvalidOperationException>(() => Rows(markdown, "Missing"));
    }

    /// <summary>A row of a Markdown table: the backticked names of its first column, and whether that column says the thing is on its way.</summary>
    private sealed record TableRow(IReadOnlyList<string> Names, bool Planned);

    private static IReadOnlyList<TableRow> StorageRows() => Rows(StorageSection);

    private static IReadOnlyList<TableRow> FolderRows() =>
        Rows(FoldersSection).Select(row => row with { Names = row.Names.Select(name => name.TrimEnd('/')).ToList() }).ToList();

    private static IReadOnlyList<TableRow> Rows(string heading) => Rows(File.ReadAllText(Path.Combine(RepositoryRoot.Path, DocumentPath)), heading);

    /// <summary>
    /// The rows of every Markdown table in the section under <paramref name="heading"/> (up to the next heading of the same or a
    /// higher level; code blocks skipped): for each, the names in backticks in its first column. Header and separator rows
    /// hold no backticked name.
    /// </summary>
    private static IReadOnlyList<TableRow> Rows(string markdown, string heading)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var rows = new List<TableRow>();
        int? level = null;
        var inCode = false;
        foreach (var line in lines)
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) { inCode = !inCode; continue; }
            if (inCode) continue;
            var match = Heading().Match(line);
            if (match.Success)
            {
                var depth = match.Groups[1].Value.Length;
                if (level is { } open && depth <= open) break;
                if (level is null && match.Groups[2].Value.Trim() == heading) level = depth;
                continue;
            }
            if (level is null || !line.TrimStart().StartsWith('|')) continue;
            var firstCell = line.Trim().Split('|')[1];
            var names = Backticked().Matches(firstCell).Select(m => m.Groups[1].Value.Trim()).ToList();
            if (names.Count > 0) rows.Add(new TableRow(names, firstCell.Contains(PlannedMark, StringComparison.Ordinal)));
        }
        if (level is null) throw new InvalidOperationException($"{DocumentPath} has no section '{heading}'");
        return rows;
    }

    /// <summary>Every constant of StorageNames and QueueNames, and the poison queue of every queue.</summary>
    private static IReadOnlyList<string> StorageNamesInCode()
    {
        static IEnumerable<string> Constants(Type type) => type
            .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(field => field is { IsLiteral: true, IsInitOnly: false } && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!);

        var queues = Constants(typeof(QueueNames)).ToList();
        return [.. Constants(typeof(StorageNames)), .. queues, .. queues.Select(QueueNames.PoisonOf)];
    }

    /// <summary>The folders of src/Snapshots that hold a file (git keeps no empty folder), as OneWayFoldersTests reads them.</summary>
    private static IReadOnlyList<string> LibraryFolders()
    {
        var source = Path.Combine(RepositoryRoot.Path, "src", "Snapshots");
        return Directory.GetDirectories(source).Select(Path.GetFileName).OfType<string>()
            .Where(name => name is not ("bin" or "obj"))
            .Where(name => Directory.EnumerateFiles(Path.Combine(source, name), "*", SearchOption.AllDirectories).Any())
            .Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The classes of src/Snapshots.Functions that hold a trigger attribute (<c>[QueueTrigger(</c>, <c>[TimerTrigger(</c>, <c>[HttpTrigger(</c>...).</summary>
    private static IReadOnlySet<string> TriggeredFunctionClasses()
    {
        var functions = new HashSet<string>(StringComparer.Ordinal);
        var project = Path.Combine(RepositoryRoot.Path, "src", "Snapshots.Functions");
        foreach (var file in Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")))
        {
            var text = File.ReadAllText(file);
            var classes = ClassDeclaration().Matches(text);
            foreach (Match trigger in TriggerAttribute().Matches(text))
            {
                var owner = classes.LastOrDefault(c => c.Index < trigger.Index);
                if (owner is not null) functions.Add(owner.Groups[1].Value);
            }
        }
        return functions;
    }


    [GeneratedRegex(@"^(#{1,6})\s+(.+?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex Backticked();

    [GeneratedRegex(@"^\s*(?:(?:public|internal|private|sealed|static|partial|abstract|file)\s+)*class\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex ClassDeclaration();

    [GeneratedRegex(@"\[\s*\w+Trigger\s*\(")]
    private static partial Regex TriggerAttribute();
}
