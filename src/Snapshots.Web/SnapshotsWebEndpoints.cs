using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Snapshots.Web.Feeds;
using Snapshots.Web.Http;
using Snapshots.Subscribers;
using Snapshots.Web.Pages;
using Snapshots.Web.Subscriptions;

namespace Snapshots.Web;

/// <summary>
/// Every endpoint of the web face, mapped once: Kestrel in <c>snapshots serve</c>/<c>run</c> and the Functions app's
/// ASP.NET Core integration both call <see cref="MapSnapshotsWeb"/>.
/// </summary>
public static class SnapshotsWebEndpoints
{
    private const string Document = "/platforms/{platform}/{type}";
    /// <summary>The OpenAPI document of the JSON API (<c>/api/openapi/v1.json</c>).</summary>
    public const string OpenApiPath = "/api/openapi/{documentName}.json";

    /// <summary>Pages, feeds and downloads answer GET and HEAD (HEAD: the same status and headers, no body).</summary>
    private static RouteHandlerBuilder MapRead(IEndpointRouteBuilder app, string pattern, Delegate handler) =>
        app.MapMethods(pattern, [HttpMethods.Get, HttpMethods.Head], handler);

    public static IEndpointRouteBuilder MapSnapshotsWeb(this IEndpointRouteBuilder app)
    {
        MapRead(app, "/", PlatformsPage.HandleAsync).ExcludeFromDescription();
        MapRead(app, "/platforms/{platform}", PlatformPage.HandleAsync).ExcludeFromDescription();
        MapRead(app, Document, DocumentPage.HandleAsync).ExcludeFromDescription();
        MapRead(app, Document + "/versions/{sequence:long}", VersionPage.HandleAsync).ExcludeFromDescription();
        MapRead(app, Document + "/versions/latest/{**rest}", LatestVersion.PageAsync).ExcludeFromDescription();
        MapRead(app, "/search", SearchPage.HandleAsync).ExcludeFromDescription();
        MapRead(app, Document + "/versions/{sequence:long}/text.md", Downloads.TextAsync).ExcludeFromDescription();
        MapRead(app, Document + "/versions/{sequence:long}/raw/{index:int}", Downloads.RawAsync).ExcludeFromDescription();
        MapRead(app, Document + "/versions/{sequence:long}/timestamp.tsr", Downloads.TimestampAsync).ExcludeFromDescription();
        MapRead(app, Document + "/compare", (string platform, string type, string? from, string? to, string? part, ArchiveReader reader, PageTemplates templates,
            Changes.TopicClassifier topics, CancellationToken ct) => ComparePage.HandleAsync(platform, type, from, to, part, reader, templates, topics, ct)).ExcludeFromDescription();
        MapRead(app, "/feeds/all.atom", ChangeFeeds.AllAsync).ExcludeFromDescription();
        MapRead(app, "/platforms/{platform}/feed.atom", ChangeFeeds.PlatformAsync).ExcludeFromDescription();
        MapRead(app, Document + "/feed.atom", ChangeFeeds.DocumentAsync).ExcludeFromDescription();
        MapRead(app, Document + "/provisions/{slug}", ProvisionPage.HandleAsync).ExcludeFromDescription();
        MapRead(app, Document + "/provisions/{slug}/feed.atom", ProvisionFeeds.ProvisionAsync).ExcludeFromDescription();
        MapRead(app, ProvisionPaths.ClauseTypesPath, ClauseTypesPage.HandleAsync).ExcludeFromDescription();
        MapRead(app, ProvisionPaths.ClauseTypesPath + "/{typeId}", ClauseTypePage.HandleAsync).ExcludeFromDescription();
        MapRead(app, ProvisionPaths.ClauseTypesPath + "/{typeId}/feed.atom", ProvisionFeeds.ClauseTypeAsync).ExcludeFromDescription();
        MapRead(app, "/site.css", () => SiteStyles.Result).ExcludeFromDescription();

        Api.ArchiveApi.Map(app);
        Api.ProvisionApi.Map(app);
        Api.TransparencyLogApi.Map(app);
        Api.SearchApi.Map(app);
        Api.ChannelsApi.Map(app);
        LatestVersion.MapApi(app);
        app.MapOpenApi(OpenApiPath);

        app.MapGet("/subscribe", SignUpPage.GetAsync).ExcludeFromDescription();
        app.MapPost("/subscribe", SignUpPage.PostAsync).RequireRateLimiting(FormRateLimits.Policy).DisableAntiforgery().ExcludeFromDescription();
        app.MapGet(SubscriberLinks.ConfirmPath, ConfirmPage.GetAsync).ExcludeFromDescription();
        app.MapPost(SubscriberLinks.ConfirmPath, ConfirmPage.PostAsync).RequireRateLimiting(FormRateLimits.Policy).DisableAntiforgery().ExcludeFromDescription();
        app.MapGet(SubscriberLinks.ManagePath, ManagePage.GetAsync).ExcludeFromDescription();
        app.MapPost(SubscriberLinks.ManagePath, ManagePage.PostAsync).RequireRateLimiting(FormRateLimits.Policy).DisableAntiforgery().ExcludeFromDescription();
        app.MapGet(ChannelsPage.Path, ChannelsPage.GetAsync).ExcludeFromDescription();
        app.MapPost(ChannelsPage.Path, ChannelsPage.PostAsync).RequireRateLimiting(FormRateLimits.Policy).DisableAntiforgery().ExcludeFromDescription();
        app.MapGet(SubscriberLinks.UnsubscribePath, UnsubscribePage.GetAsync).ExcludeFromDescription();
        // RFC 8058 one-click: mail clients post without cookies or a form token; the signed link is the credential.
        app.MapPost(SubscriberLinks.UnsubscribePath, UnsubscribePage.PostAsync).DisableAntiforgery().ExcludeFromDescription();
        return app;
    }
}
