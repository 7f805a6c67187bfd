using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Snapshots.Web.Pages;

namespace Snapshots.Web;

/// <summary>Registers what the web endpoints need on top of the library (<c>AddSnapshots</c>).</summary>
public static class SnapshotsWebServiceCollectionExtensions
{
    public const string OpenApiTitle = "Snapshots archive API";
    public const string OpenApiVersion = "1.0";
    public const string OpenApiDescription = "JSON API of Snapshots: tracked platforms, their legal documents, every archived version with its "
        + "evidence (SHA-256, hash chain, trusted timestamp), diffs, provisions and clause types, and a search over them, all read-only; and a subscriber's "
        + "delivery channels, with the token of a manage link as a bearer token. Errors are RFC 9457 problems "
        + "(application/problem+json). A version number is accepted wherever one is asked for, and so is `latest`.";

    public static IServiceCollection AddSnapshotsWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(PageTemplates.Default);
        services.AddSingleton<ArchiveReader>();
        services.AddSingleton<SiteSearch>();
        services.AddSingleton<Http.FormTokens>();
        Http.FormRateLimits.AddFormRateLimits(services, configuration);
        // The OpenAPI document describes the JSON API only (pages and forms are excluded from it).
        services.AddOpenApi(options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            // Titled for what it describes, not for the assembly that hosts it (Snapshots.Cli, the Functions app).
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = OpenApiTitle;
                document.Info.Version = OpenApiVersion;
                document.Info.Description = OpenApiDescription;
                return Task.CompletedTask;
            });
        });
        return services;
    }
}
