using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Snapshots.Web.Http;

/// <summary>
/// Per-client limit on form posts (sign-up, confirm, manage): a fixed window per client address, <c>Web:FormPostsPerClient</c>
/// (default 20) per <c>Web:FormWindow</c> (default 15 minutes); past it, 429 with Retry-After. The per-address limit is kept with
/// the subscriber (see SignUps), so it holds across instances.
/// </summary>
public static class FormRateLimits
{
    public const string Policy = "forms";

    /// <summary>
    /// The client's address. Behind a proxy on loopback (the Functions host forwards to its worker; Azure's front ends set
    /// X-Forwarded-For) the last X-Forwarded-For entry, the one the nearest proxy added; else the connection's address.
    /// </summary>
    public static string ClientOf(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;
        var forwarded = context.Request.Headers["X-Forwarded-For"].ToString();
        if ((remote is null || System.Net.IPAddress.IsLoopback(remote)) && forwarded.Length > 0)
            return forwarded.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "unknown";
        return remote?.ToString() ?? "unknown";
    }

    public static IServiceCollection AddFormRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue("Web:FormPostsPerClient", 20);
        var window = configuration.GetValue("Web:FormWindow", TimeSpan.FromMinutes(15));
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = ((int)window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync("Too many form posts from your address: try again later.", ct);
            };
            options.AddPolicy(Policy, context => RateLimitPartition.GetFixedWindowLimiter(ClientOf(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 }));
        });
    }
}
