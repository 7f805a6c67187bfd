using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Snapshots.Web.Http;

namespace Snapshots.Web;

/// <summary>
/// The web face on Kestrel, for <c>snapshots serve</c>, <c>snapshots run</c> and the tests: the library registered from the same
/// configuration (so it reads the same storage), the web endpoints mapped, listening on <paramref name="urls"/>.
/// </summary>
public sealed class SnapshotsWebsite : IAsyncDisposable
{
    public const string DefaultUrl = "http://localhost:7071";
    private readonly WebApplication _app;

    private SnapshotsWebsite(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>Where it listens (with the real port when 0 was asked for).</summary>
    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<SnapshotsWebsite> StartAsync(IConfiguration configuration, string urls = DefaultUrl,
        Action<IServiceCollection>? configureServices = null, CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
            // A port in use is said once by the caller, without the host's stack trace.
            .AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.WebHost.UseUrls(urls);
        builder.Services.AddSnapshots(configuration);
        builder.Services.AddSnapshotsWeb(configuration);
        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseSnapshotsWeb();
        app.MapSnapshotsWeb();
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? urls;
        return new SnapshotsWebsite(app, new Uri(address.Replace("127.0.0.1", "localhost", StringComparison.Ordinal)));
    }

    /// <summary>Cancelled when the host stops (SIGTERM or Ctrl+C reach it too), so a command serving it can end.</summary>
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
