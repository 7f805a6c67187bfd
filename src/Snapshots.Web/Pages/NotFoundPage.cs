using Microsoft.AspNetCore.Http;

namespace Snapshots.Web.Pages;

/// <summary>A 404 page that says what was not found and leads back to the platforms.</summary>
public static class NotFoundPage
{
    public sealed record View(string Message);

    public static IResult Result(PageTemplates templates, string message) =>
        Results.Content(templates.Page("notfound", new View(message), new PageLayout("Not found", [new Crumb("Platforms", "/")])),
            "text/html; charset=utf-8", System.Text.Encoding.UTF8, StatusCodes.Status404NotFound);
}
