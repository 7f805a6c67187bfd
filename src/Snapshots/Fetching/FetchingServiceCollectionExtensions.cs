using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Snapshots.Fetching;

public static class FetchingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PageFetcher"/> (a typed HTTP client with retries, timeouts, one content
    /// encoding decoded by PageFetcher, no automatic redirects, no proxy, the SSRF guard at connect time and per-host politeness),
    /// <see cref="FetchCycle"/>, and <see cref="FetchOptions"/> bound from the "Fetch" section.
    /// </summary>
    public static IServiceCollection AddSnapshotsFetching(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FetchOptions>()
            .Bind(configuration.GetSection(FetchOptions.Section))
            .Validate(o => o.MaxBodyBytes > 0, "Fetch:MaxBodyBytes must be positive")
            .Validate(o => o.Timeout >= TimeSpan.FromMilliseconds(10), "Fetch:Timeout must be at least 10 ms")
            .Validate(o => o.AttemptTimeout >= TimeSpan.FromMilliseconds(10), "Fetch:AttemptTimeout must be at least 10 ms")
            .Validate(o => o.MaxRedirects >= 0, "Fetch:MaxRedirects must not be negative")
            .Validate(o => o.MaxRetries >= 0, "Fetch:MaxRetries must not be negative")
            .Validate(o => o.RetryBaseDelay >= TimeSpan.Zero, "Fetch:RetryBaseDelay must not be negative")
            .Validate(o => !string.IsNullOrWhiteSpace(o.UserAgent), "Fetch:UserAgent must not be empty")
            .Validate(o => o.AllowedPrivateEndpoints.All(e => System.Net.IPEndPoint.TryParse(e, out var p) && p.Port != 0), "Fetch:AllowedPrivateEndpoints must be address:port entries")
            .Validate(o => o.Browser.MaxConcurrentPages >= 1, "Fetch:Browser:MaxConcurrentPages must be at least 1")
            .Validate(o => o.Browser.StartTimeout >= TimeSpan.FromSeconds(1), "Fetch:Browser:StartTimeout must be at least 1 s")
            .Validate(o => o.Browser.NavigationTimeout >= TimeSpan.FromMilliseconds(10), "Fetch:Browser:NavigationTimeout must be at least 10 ms")
            .Validate(o => o.Browser.NetworkQuietWindow >= TimeSpan.Zero, "Fetch:Browser:NetworkQuietWindow must not be negative")
            .Validate(o => o.Browser.MemoryPerPage >= 0, "Fetch:Browser:MemoryPerPage must not be negative")
            .Validate(o => Enum.IsDefined(o.Browser.Screenshot), "Fetch:Browser:Screenshot must be FullPage, Viewport or None")
            .Validate(o => o.PerHostRequestsPerMinute >= 0, "Fetch:PerHostRequestsPerMinute must not be negative")
            .Validate(o => o.MaxConcurrentPerHost >= 0, "Fetch:MaxConcurrentPerHost must not be negative")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        // A cycle taken from here is not counted against Fetch:MaxBytesInFlight (nothing would let its pages go before the
        // container ends); the capture paths make their own with the budget and dispose them when their documents are done.
        services.TryAddTransient(provider => new FetchCycle(provider.GetRequiredService<PageFetcher>(), provider.GetRequiredService<BrowserRenderer>(),
            revalidator: provider.GetRequiredService<RenderRevalidator>()));
        services.TryAddSingleton<BrowserRenderer>();
        services.TryAddSingleton<RenderRevalidator>();
        services.TryAddSingleton(provider => new PerHostConcurrency(provider.GetRequiredService<IOptions<FetchOptions>>().Value.MaxConcurrentPerHost));
        services.TryAddSingleton(provider => new BodyBytesInFlight(provider.GetRequiredService<IOptions<FetchOptions>>().Value.MaxBytesInFlight));
        services.TryAddSingleton(provider => new PerHostPoliteness(
            provider.GetRequiredService<IOptions<FetchOptions>>().Value.PerHostRequestsPerMinute, provider.GetRequiredService<TimeProvider>()));

        var client = services.AddHttpClient<PageFetcher>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider => GuardedHttpHandler.Create(provider.GetRequiredService<IOptions<FetchOptions>>().Value));
        client.AddResilienceHandler("snapshots-fetch", (builder, context) => FetchResilience.Configure(
            builder,
            context.ServiceProvider.GetRequiredService<IOptions<FetchOptions>>().Value,
            context.ServiceProvider.GetRequiredService<TimeProvider>()));
        // Added after (so inside) the resilience handler: every attempt and every redirect hop waits for its turn.
        client.AddHttpMessageHandler(provider => new PerHostPoliteness.Handler(provider.GetRequiredService<PerHostPoliteness>()));
        return services;
    }
}
