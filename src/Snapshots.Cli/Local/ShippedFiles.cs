namespace Snapshots.Cli.Local;

/// <summary>
/// The sample pages (<c>samples/</c>) and the shipped declarations (<c>declarations/</c>) the demo and <c>run</c> use: the
/// checkout's own folders inside a clone, else the copies packed beside the program (<c>shipped/</c> in the installed tool's
/// folder), so that <c>snapshots demo</c> works from any folder.
/// </summary>
public static class ShippedFiles
{
    /// <summary>The folder beside the program that holds the packed copies.</summary>
    public const string PackedFolder = "shipped";

    public static string? Samples() => Find("samples");

    public static string? Declarations() => Find("declarations");

    /// <summary>The shipped declarations inside a checkout only: what <c>run</c> starts tracking by itself there.</summary>
    public static string? CheckoutDeclarations() =>
        RepositoryRoot.Find() is { } root && Directory.Exists(Path.Combine(root, "declarations")) ? Path.Combine(root, "declarations") : null;

    private static string? Find(string name)
    {
        if (RepositoryRoot.Find() is { } root && Directory.Exists(Path.Combine(root, name))) return Path.Combine(root, name);
        var packed = Path.Combine(AppContext.BaseDirectory, PackedFolder, name);
        return Directory.Exists(packed) ? packed : null;
    }
}
