using Snapshots.Catalog;
using Snapshots.Provisions;

namespace Snapshots.Web.Pages;

/// <summary>
/// The permanent addresses of provision and clause-type pages, their feeds and API, and what a slug or type id in an address
/// may look like (checked before anything is read from storage).
/// </summary>
public static class ProvisionPaths
{
    /// <summary>Longer than any slug or id the library gives (<see cref="ProvisionSlug.MaxLength"/> plus a "-N" suffix).</summary>
    public const int MaxSlugLength = ProvisionSlug.MaxLength + 12;

    public const string ClauseTypesPath = PublicSite.ClauseTypesPath;

    public static string Provision(DocumentId document, string slug) => PublicSite.ProvisionPath(document, slug);

    public static string ProvisionFeed(DocumentId document, string slug) => $"{Provision(document, slug)}/feed.atom";

    public static string ProvisionApi(DocumentId document, string slug) => $"/api/documents/{document}/provisions/{slug}";

    /// <summary>The anchor of one change in a provision's history: also the id of its feed entry.</summary>
    public static string Change(DocumentId document, string slug, long sequence) => $"{Provision(document, slug)}#change-{sequence}";

    public static string ClauseType(string typeId) => PublicSite.ClauseTypePath(typeId);

    public static string ClauseTypeFeed(string typeId) => $"{ClauseType(typeId)}/feed.atom";

    public static string ClauseTypeApi(string typeId) => $"/api/clause-types/{typeId}";

    /// <summary>A provision slug or id ("v3-p12"): lower-case kebab-case, not too long.</summary>
    public static bool IsSlug(string value) => value.Length <= MaxSlugLength && Slug.IsValid(value);
}
