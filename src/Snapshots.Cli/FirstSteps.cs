using Snapshots.Cli.Local;

namespace Snapshots.Cli;

/// <summary>
/// What to do when nothing is tracked yet: inside a checkout, run the demo (or import the shipped declarations) with the
/// checkout's own <c>snapshots</c> script; elsewhere (the installed tool) import declarations, since the demo needs a checkout.
/// </summary>
public static class FirstSteps
{
    /// <summary>"nothing is tracked here yet: run `./snapshots demo` first ..." for an empty store.</summary>
    public static string ForEmptyStore() =>
        RepositoryRoot.Find() is { } root
            ? $"nothing is tracked here yet: run `{Script(root)} demo` first (it tracks a sample platform offline), or track the shipped platforms with `{Script(root)} documents import {Declarations(root)}`"
            : "nothing is tracked here yet: import declarations first with `snapshots documents import FOLDER` (a folder of Open Terms Archive declarations, e.g. a clone of GenAI-declarations); `snapshots demo` needs a checkout of Snapshots";

    /// <summary>"run `./snapshots demo` first: it tracks mistral-ai-demo" for the demo's platform before the demo ran.</summary>
    public static string ForDemoPlatform(string platform) =>
        RepositoryRoot.Find() is { } root
            ? $"the demo has not run in this home: run `{Script(root)} demo` first (it tracks {platform})"
            : $"{platform} is the demo's platform, and `snapshots demo` needs a checkout of Snapshots: run `./snapshots demo` there";

    /// <summary>The checkout's script as typed from the working folder: <c>./snapshots</c> at its root, <c>../snapshots</c> below it, its full path elsewhere.</summary>
    private static string Script(string root) => Typed(root, "snapshots");

    private static string Declarations(string root) => Typed(root, "declarations") + "/";

    private static string Typed(string root, string name)
    {
        var path = Path.Combine(root, name);
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        if (Path.IsPathRooted(relative) || !relative.Split(Path.DirectorySeparatorChar).All(part => part == ".." || part == name)) return path;
        return relative.StartsWith("..", StringComparison.Ordinal) ? relative : $"./{relative}";
    }
}
