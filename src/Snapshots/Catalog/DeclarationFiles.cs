namespace Snapshots.Catalog;

/// <summary>
/// Reads a declaration file, a folder of them, or an Open Terms Archive declarations repository as it is on disk
/// (its root, with <c>declarations/</c>, or that folder): every <c>*.json</c> with the <c>*.history.json</c> beside it.
/// Everything is validated before anything is used; documents that use an unsupported feature (a JavaScript filter)
/// are left out and listed, the rest of their platform is kept. Platforms whose ids would collide are told apart by
/// their file names (then a number), deterministically in file-name order. Only regular files are read, each bounded
/// (<see cref="RegularFile"/>): a FIFO, device or socket named <c>*.json</c> is refused with its name before anything is
/// opened or written.
/// </summary>
public static class DeclarationFiles
{
    private const string HistorySuffix = ".history.json";

    public static IReadOnlyList<PlatformDeclaration> Read(string fileOrFolder)
    {
        string[] files;
        if (Directory.Exists(fileOrFolder)) files = DeclarationFilesIn(fileOrFolder);
        else if (File.Exists(fileOrFolder)) files = [fileOrFolder];
        else throw new DeclarationException(fileOrFolder, null, null, "no such file or folder.");
        if (files.Length == 0) throw new DeclarationException(fileOrFolder, null, null, "contains no .json declaration.");

        var platforms = new List<PlatformDeclaration>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var platform = DeclarationParser.ParseFile(file, skipUnsupported: true);
            platform = Distinct(platform, taken);
            platforms.Add(WithHistory(platform));
        }
        return platforms;
    }

    private static string[] DeclarationFilesIn(string folder)
    {
        var nested = Path.Combine(folder, "declarations");
        bool IsDeclaration(string file) => !file.EndsWith(HistorySuffix, StringComparison.OrdinalIgnoreCase);
        // An OTA repository's root holds package.json and friends beside declarations/: read that folder.
        var source = Directory.Exists(nested) ? nested : folder;
        return Directory.GetFiles(source, "*.json").Where(IsDeclaration).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The platform under an id no earlier file took: its own, else its file name's, else that with -2, -3...</summary>
    private static PlatformDeclaration Distinct(PlatformDeclaration platform, HashSet<string> taken)
    {
        if (taken.Add(platform.Slug)) return platform;
        var fromFile = Slug.From(AnyAscii.Transliteration.Transliterate(PlatformId.FileStem(platform.SourceFile)));
        var slug = fromFile.Length > 0 && taken.Add(fromFile) ? fromFile : null;
        var origin = slug is null ? PlatformId.Origin.Numbered : PlatformId.Origin.FileName;
        for (var n = 2; slug is null; n++)
            if (taken.Add($"{platform.Slug}-{n}")) slug = $"{platform.Slug}-{n}";
        return platform with
        {
            Slug = slug,
            IdOrigin = origin,
            Documents = platform.Documents.Select(d => d with { PlatformSlug = slug }).ToList(),
        };
    }

    private static PlatformDeclaration WithHistory(PlatformDeclaration platform)
    {
        var file = Path.Combine(Path.GetDirectoryName(platform.SourceFile) ?? ".", PlatformId.FileStem(platform.SourceFile) + HistorySuffix);
        if (!File.Exists(file)) return platform;
        var skipped = new List<DeclarationException>(platform.Skipped);
        var earlier = DeclarationHistoryParser.ParseFile(file, platform.Name, platform.Slug, skipped);
        return platform with { Earlier = earlier, Skipped = skipped };
    }
}
