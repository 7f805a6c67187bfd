using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Snapshots.Web.Pages;

namespace Snapshots.Web;

/// <summary>Registers what the web endpoints need on top of the library (<c>AddSnapshots</c>).</summary>
public static class SnapshotsWebServiceCollectionExtensions
{
    public static IServiceCollection AddSnapshotsWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(PageTemplates.Default);
        services.AddSingleton<ArchiveReader>();
        services.AddSingleton<Http.FormTokens>();
        Http.FormRateLimits.AddFormRateLimits(services, configuration);
        // The OpenAPI document describes the JSON API only (pages and forms are excluded from it).
        services.AddOpenApi(options => options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true);
        return services;
    }
}
