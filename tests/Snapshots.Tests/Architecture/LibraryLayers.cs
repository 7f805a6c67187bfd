namespace Snapshots.Tests.Architecture;

/// <summary>
/// The folders of <c>src/Snapshots</c> from the bottom up. A folder may use the folders listed before it, never one after it
/// (see DESIGN.md, "Layout"). Namespaces follow folders: <c>Snapshots.{Folder}</c>.
/// </summary>
public static class LibraryLayers
{
    public static readonly IReadOnlyList<string> BottomUp =
    [
        "Text",
        "Storage",
        "Messaging",
        "Catalog",
        "Fetching",
        "Extraction",
        "Archive",
        "Ledger",
        "Changes",
        "Provisions",
        "Tracking",
        "Subscribers",
        "Email",
        "Channels",
        "Pipeline",
    ];

    public static IEnumerable<string> Above(string folder) => BottomUp.Skip(IndexOf(folder) + 1);

    public static int IndexOf(string folder)
    {
        var index = BottomUp.ToList().IndexOf(folder);
        if (index < 0) throw new ArgumentException($"'{folder}' is not a library folder: add it to {nameof(LibraryLayers)}.{nameof(BottomUp)} in its place.");
        return index;
    }
}
