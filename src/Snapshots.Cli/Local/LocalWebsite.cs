using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Snapshots.Web;

namespace Snapshots.Cli.Local;

/// <summary>Starts the web face for a command on the same configuration (so the same storage) and the same extra services.</summary>
public static class LocalWebsite
{
    /// <summary>Setting with the address(es) to listen on; default <see cref="SnapshotsWebsite.DefaultUrl"/>.</summary>
    public const string UrlsSetting = "Web:Urls";

    public static string UrlsOf(CliEnvironment environment) => environment.Configuration[UrlsSetting] is { Length: > 0 } urls ? urls : SnapshotsWebsite.DefaultUrl;

    /// <summary>Starts the site; its log lines are the command's (<see cref="CliLogFormatter"/>), not the host's two-line ones.</summary>
    public static Task<SnapshotsWebsite> StartAsync(CliEnvironment environment, string urls, CancellationToken ct) =>
        SnapshotsWebsite.StartAsync(environment.Configuration, urls, services =>
        {
            services.AddLogging(logging => CliLogFormatter.AddTo(logging.ClearProviders()));
            environment.ConfigureServices?.Invoke(services);
        }, ct);
}
