using Snapshots.Catalog;
using Snapshots.Text;

namespace Snapshots.Cli;

/// <summary>
/// The message for a document id or platform slug that is not tracked: "did you mean …" among the tracked ones
/// (<see cref="NameSuggestions"/>); when nothing is tracked at all, the first steps (<see cref="FirstSteps"/>) instead.
/// </summary>
public static class UnknownNames
{
    /// <summary>The demo's platform id (<c>mistral-ai-demo</c>).</summary>
    public static string DemoPlatform => Slug.From(Commands.DemoCommand.PlatformName);

    public static async Task<string> DocumentAsync(CliSession session, DocumentId id, CancellationToken ct)
    {
        var documents = await session.Get<DocumentCatalog>().ListAsync(ct: ct);
        var unknown = $"unknown document '{id}'";
        if (documents.Count == 0) return $"{unknown}: {FirstSteps.ForEmptyStore()}.";
        var close = NameSuggestions.Closest(id.ToString(), documents.Select(d => d.Id.ToString()));
        if (close.Count > 0) return $"{unknown}: {NameSuggestions.DidYouMean(close)} (snapshots documents list shows every tracked document)";
        if (id.Platform == DemoPlatform) return $"{unknown}: {FirstSteps.ForDemoPlatform(id.Platform)}.";
        return documents.Any(d => d.Id.Platform == id.Platform)
            ? $"{unknown}: {id.Platform} has no such document; its documents are {string.Join(", ", documents.Where(d => d.Id.Platform == id.Platform).Select(d => d.Id))}"
            : $"{unknown}: no tracked document has this id or one close to it (snapshots documents list shows them; snapshots documents import adds one from its declaration)";
    }

    /// <summary>The refusal for a platform slug of which no document is tracked.</summary>
    public static async Task<UsageException> PlatformAsync(DocumentCatalog catalog, string platform, CancellationToken ct)
    {
        var documents = await catalog.ListAsync(ct: ct);
        var unknown = $"unknown platform '{platform}': no document of it is tracked";
        if (documents.Count == 0) return new UsageException($"{unknown}; {FirstSteps.ForEmptyStore()}.");
        var close = NameSuggestions.Closest(platform, documents.Select(d => d.Id.Platform));
        if (close.Count > 0) return new UsageException($"{unknown}; {NameSuggestions.DidYouMean(close)} (snapshots documents list shows every tracked document)");
        if (platform == DemoPlatform) return new UsageException($"{unknown}; {FirstSteps.ForDemoPlatform(platform)}.");
        return new UsageException($"{unknown} (snapshots documents list shows them).");
    }
}
