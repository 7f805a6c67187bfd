using Snapshots.Catalog;
using Snapshots.Fetching;

namespace Snapshots.Tracking;

/// <summary>
/// Fetches a document's source pages within a cycle (<see cref="FetchCycle"/>: each page once, scripted pages through the
/// browser) with the validators <see cref="CheckDecision.ValidatorsFor"/> gives: the one way both a check and the site-chrome
/// comparison of its siblings fetch a document.
/// </summary>
internal static class DocumentPages
{
    /// <summary>The pages in declaration order; throws <see cref="FetchException"/> when one cannot be fetched.</summary>
    public static async Task<IReadOnlyList<SourcePage>> FetchAsync(DocumentRecord document, ConditionalRequest? validators, FetchCycle fetches, CancellationToken ct)
    {
        var pages = new List<SourcePage>();
        foreach (var source in document.Declaration().Sources)
            pages.Add(new SourcePage(source, await fetches.FetchAsync(source, validators, ct)));
        return pages;
    }
}
