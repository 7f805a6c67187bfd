using Microsoft.AspNetCore.Http;
using Snapshots.Web.Http;

namespace Snapshots.Web.Pages;

/// <summary><c>/search?q=</c>: the form and <see cref="SiteSearch"/>'s results, <see cref="SiteSearch.PageSize"/> a page (<c>&amp;page=N</c>).</summary>
public static class SearchPage
{
    public sealed record View(string Query, string? Refused, string Line, IReadOnlyList<SiteSearch.Hit> Hits, HtmlFragment? Pager, int MaxLength);

    public static async Task<IResult> HandleAsync(string? q, string? page, SiteSearch search, PageTemplates templates, CancellationToken ct)
    {
        var query = (q ?? "").Trim();
        var outcome = await search.RunAsync(query, ct);
        var paging = Paging.Of(outcome.Hits.Count, SiteSearch.PageSize, page);
        var encoded = Uri.EscapeDataString(query.Length > SiteSearch.MaxQueryLength ? query[..SiteSearch.MaxQueryLength] : query);
        var line = query.Length == 0 || outcome.Refused is not null ? ""
            : outcome.Hits.Count == 0 ? $"Nothing found for \u201c{query}\u201d."
            : $"{WebFormat.Count(outcome.Hits.Count, "result")} for \u201c{query}\u201d{(outcome.Truncated ? $" (the first {SiteSearch.MaxResults:N0} kept: add words to narrow it)" : "")}."
              + (paging.Count > 1 ? $" Showing {paging.Range}." : "");
        var view = new View(query.Length > SiteSearch.MaxQueryLength ? query[..SiteSearch.MaxQueryLength] : query, outcome.Refused, line,
            paging.Of(outcome.Hits).ToList(), paging.Nav(templates, "Pages of results", n => $"/search?q={encoded}&page={n}"), SiteSearch.MaxQueryLength);
        var html = templates.Page("search", view, new PageLayout(query.Length == 0 ? "Search" : $"Search: {view.Query}", [new Crumb("Platforms", "/"), new Crumb("Search", null)]));
        return outcome.Refused is null ? CachedContent.Html(html)
            : Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, StatusCodes.Status400BadRequest);
    }
}
