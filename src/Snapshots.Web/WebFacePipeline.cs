using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Snapshots.Web.Http;

namespace Snapshots.Web;

/// <summary>
/// The web face as one request delegate, for a host that hands over an HttpContext (the Functions app's HTTP trigger):
/// routing, the site's middleware and <see cref="SnapshotsWebEndpoints.MapSnapshotsWeb"/>, built once on the host's services.
/// </summary>
public sealed class WebFacePipeline
{
    private readonly RequestDelegate _pipeline;

    public WebFacePipeline(IServiceProvider services)
    {
        var app = new ApplicationBuilder(services);
        app.UseRouting();
        app.UseSnapshotsWeb();
        app.UseEndpoints(endpoints => endpoints.MapSnapshotsWeb());
        _pipeline = app.Build();
    }

    public Task HandleAsync(HttpContext context)
    {
        // The trigger's own routing may have set an endpoint; the site's routes decide here.
        context.SetEndpoint(null);
        context.Request.RouteValues.Clear();
        return _pipeline(context);
    }
}

public static class WebFacePipelineServiceCollectionExtensions
{
    /// <summary>What a host that is not Kestrel needs to run the web face: routing, the web services and the pipeline.</summary>
    public static IServiceCollection AddSnapshotsWebFace(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRouting();
        // A web host registers it; a host without one (the worker before ASP.NET Core integration, tests) gets the same name.
        services.TryAddSingleton(new System.Diagnostics.DiagnosticListener("Microsoft.AspNetCore"));
        services.AddSnapshotsWeb(configuration);
        services.AddSingleton<WebFacePipeline>();
        return services;
    }
}
