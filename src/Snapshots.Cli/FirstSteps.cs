using Snapshots.Cli.Local;

namespace Snapshots.Cli;

/// <summary>
/// What to do when nothing is tracked yet: run the demo, or import the shipped declarations, with the command as typed here
/// (the checkout's own <c>snapshots</c> script inside a clone, the installed tool's <c>snapshots</c> elsewhere).
/// </summary>
public static class FirstSteps
{
    /// <summary>"nothing is tracked here yet: run `./snapshots demo` first ..." for an empty store.</summary>
    public static string ForEmptyStore() =>
        ShippedFiles.Declarations() is { } declarations
            ? $"nothing is tracked here yet: run `{Command()} demo` first (it tracks a sample platform offline), or track the shipped platforms with `{Command()} documents import {Typed(declarations)}/`"
            : $"nothing is tracked here yet: run `{Command()} demo` first (it tracks a sample platform offline), or import declarations with `{Command()} documents import FOLDER` (a folder of Open Terms Archive declarations)";

    /// <summary>"run `./snapshots demo` first: it tracks mistral-ai-demo" for the demo's platform before the demo ran.</summary>
    public static string ForDemoPlatform(string platform) =>
        $"the demo has not run in this home: run `{Command()} demo` first (it tracks {platform})";

    /// <summary>
    /// The command as typed from the working folder: inside a checkout its script (<c>./snapshots</c> at its root,
    /// <c>../snapshots</c> below it, its full path elsewhere), else the installed tool's <c>snapshots</c>.
    /// </summary>
    public static string Command() => RepositoryRoot.Find() is { } root ? Typed(Path.Combine(root, "snapshots")) : "snapshots";

    /// <summary>A path as typed from the working folder: relative when it is the folder itself or above it (<c>./x</c>, <c>../x</c>), else in full.</summary>
    private static string Typed(string path)
    {
        var name = Path.GetFileName(path);
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        if (Path.IsPathRooted(relative) || !relative.Split(Path.DirectorySeparatorChar).All(part => part == ".." || part == name)) return path;
        return relative.StartsWith("..", StringComparison.Ordinal) ? relative : $"./{relative}";
    }
}
