using Snapshots.Catalog;
using Snapshots.Tracking;

namespace Snapshots.Tests.Pipeline;

public sealed class CaptureGroupsTests
{
    private static DocumentRecord Document(string terms, string urls) => new() { PartitionKey = "p", RowKey = terms, Urls = urls };

    [Fact]
    public void Documents_sharing_a_url_directly_or_transitively_are_grouped()
    {
        var groups = CaptureGroups.Of([
            Document("a", "https://x.test/1"),
            Document("b", "https://x.test/1 https://x.test/2"),
            Document("c", "https://x.test/2"),
            Document("d", "https://x.test/3"),
        ]);

        Assert.Equal(2, groups.Count);
        Assert.Equal(["a", "b", "c"], groups.Single(g => g.Count == 3).Select(d => d.RowKey));
        Assert.Equal("d", groups.Single(g => g.Count == 1)[0].RowKey);
    }
}
