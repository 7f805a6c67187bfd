using Snapshots.Catalog;

namespace Snapshots.Tracking;

/// <summary>
/// Groups documents that share a source URL (directly or through another document), so that one capture request
/// fetches each page once for all of them.
/// </summary>
internal static class CaptureGroups
{
    public static IReadOnlyList<IReadOnlyList<DocumentRecord>> Of(IEnumerable<DocumentRecord> documents)
    {
        var list = documents.ToList();
        var parent = Enumerable.Range(0, list.Count).ToArray();
        int Root(int i) => parent[i] == i ? i : parent[i] = Root(parent[i]);

        var ownerOfUrl = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            foreach (var url in list[i].SourceUrls)
            {
                if (ownerOfUrl.TryGetValue(url, out var other)) parent[Root(i)] = Root(other);
                else ownerOfUrl[url] = i;
            }
        }
        return list.Select((document, index) => (document, root: Root(index)))
            .GroupBy(pair => pair.root)
            .Select(group => (IReadOnlyList<DocumentRecord>)group.Select(pair => pair.document).ToList())
            .ToList();
    }
}
