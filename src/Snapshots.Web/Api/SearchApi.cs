using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Snapshots.Catalog;
using Snapshots.Web.Pages;

namespace Snapshots.Web.Api;

/// <summary><c>/api/search?q=&amp;page=</c>: <see cref="SiteSearch"/> as JSON, <see cref="SiteSearch.PageSize"/> results a page; a query past the bounds is a 400 problem.</summary>
public static class SearchApi
{
    public const string Tag = "Search";

    public sealed record SearchJson(string Query, int Total, bool Truncated, int Page, int Pages, IReadOnlyList<SearchHitJson> Results);

    public sealed record SearchHitJson(string Kind, string Title, string Where, string Url, string Excerpt);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGroup("/api").WithTags(Tag).MapGet("/search", SearchAsync).WithName("Search")
            .WithSummary("Platforms, documents, clause types and latest provisions holding every word of q (at most 200 characters, 8 words)")
            .Produces<SearchJson>(StatusCodes.Status200OK, "application/json").ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<IResult> SearchAsync(string? q, string? page, SiteSearch search, PublicSite site, CancellationToken ct)
    {
        var query = (q ?? "").Trim();
        var outcome = await search.RunAsync(query, ct);
        if (outcome.Refused is not null) return Results.Problem(outcome.Refused, statusCode: StatusCodes.Status400BadRequest, title: "This search cannot be run");
        var paging = Paging.Of(outcome.Hits.Count, SiteSearch.PageSize, page);
        return ApiResults.Ok(new SearchJson(query, outcome.Hits.Count, outcome.Truncated, paging.Number, paging.Count,
            paging.Of(outcome.Hits).Select(h => new SearchHitJson(h.Kind, h.Title, h.Where, site.Url(h.Href).AbsoluteUri, h.Excerpt)).ToList()));
    }
}
