namespace Snapshots.Tests.Architecture;

/// <summary>The repository the tests run from: the folder above the test binaries that holds Snapshots.sln.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Snapshots.sln"))) return dir.FullName;
        throw new InvalidOperationException("Snapshots.sln not found above " + AppContext.BaseDirectory);
    }
}
