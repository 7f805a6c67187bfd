namespace Snapshots.Catalog;

/// <summary>Reads a declaration file or every <c>*.json</c> in a folder, all validated before any is used.</summary>
public static class DeclarationFiles
{
    public static IReadOnlyList<PlatformDeclaration> Read(string fileOrFolder)
    {
        string[] files;
        if (Directory.Exists(fileOrFolder)) files = Directory.GetFiles(fileOrFolder, "*.json").Order(StringComparer.Ordinal).ToArray();
        else if (File.Exists(fileOrFolder)) files = [fileOrFolder];
        else throw new DeclarationException(fileOrFolder, null, null, "no such file or folder.");
        if (files.Length == 0) throw new DeclarationException(fileOrFolder, null, null, "contains no .json declaration.");

        var declarations = files.Select(DeclarationParser.ParseFile).ToList();
        var duplicate = declarations.GroupBy(d => d.Slug).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new DeclarationException(duplicate.Last().SourceFile, null, "name",
                $"platform \"{duplicate.Key}\" is also declared in {duplicate.First().SourceFile}.");
        return declarations;
    }
}
