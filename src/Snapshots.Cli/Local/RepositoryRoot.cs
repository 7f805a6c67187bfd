namespace Snapshots.Cli.Local;

/// <summary>Finds the repository root (the folder with Snapshots.sln and package.json) from the working or the program folder.</summary>
public static class RepositoryRoot
{
    public static string? Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
                if (File.Exists(Path.Combine(folder.FullName, "Snapshots.sln")) && File.Exists(Path.Combine(folder.FullName, "package.json")))
                    return folder.FullName;
        }
        return null;
    }
}
