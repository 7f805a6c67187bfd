using Microsoft.AspNetCore.Http;

namespace Snapshots.Web.Pages;

/// <summary>
/// A 404 page that says what was not found, suggests the closest existing address when one is near ("did you mean"), and links
/// to the nearest pages that do exist (the document, the platform, the platforms).
/// </summary>
public static class NotFoundPage
{
    public sealed record Link(string Label, string Href);

    public sealed record View(string Message, Link? DidYouMean, IReadOnlyList<Link> Nearest);

    public static IResult Result(PageTemplates templates, string message) => Result(templates, message, null, []);

    public static IResult Result(PageTemplates templates, string message, Link? didYouMean, IReadOnlyList<Link> nearest) =>
        Results.Content(Html(templates, message, didYouMean, nearest), "text/html; charset=utf-8", System.Text.Encoding.UTF8, StatusCodes.Status404NotFound);

    public static string Html(PageTemplates templates, string message, Link? didYouMean, IReadOnlyList<Link> nearest) =>
        templates.Page("notfound", new View(message, didYouMean, [.. nearest, new Link("See the tracked platforms", "/"), new Link("Search", "/search")]),
            new PageLayout("Not found", [new Crumb("Platforms", "/")]));
}
