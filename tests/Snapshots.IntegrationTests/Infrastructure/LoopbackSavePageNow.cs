using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Snapshots.IntegrationTests.Infrastructure;

/// <summary>
/// A stand-in for the Wayback Machine's Save Page Now 2 API on 127.0.0.1: <c>POST /save</c> (form <c>url</c>, header
/// <c>Authorization: LOW key:secret</c>) answers a <c>job_id</c>; <c>GET /save/status/{job}</c> answers <c>pending</c> for
/// <see cref="PendingPolls"/> looks, then <c>success</c> with a timestamp and the original URL, or <c>error</c> when
/// <see cref="FailJobs"/>. The first <see cref="TooManyRequests"/> submissions get 429 with <c>Retry-After: 1</c>.
/// </summary>
public sealed class LoopbackSavePageNow : IAsyncDisposable
{
    public const string AccessKey = "test-access";
    public const string SecretKey = "test-secret";
    public const string CaptureTimestamp = "20261206175959";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _polls = new();
    private int _jobs;
    private int _refused;

    private LoopbackSavePageNow(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;
    public int TooManyRequests { get; set; }
    public int PendingPolls { get; set; } = 1;
    public bool FailJobs { get; set; }
    /// <summary>When set, a finished job names this as its original_url instead of the URL submitted.</summary>
    public string? OriginalUrlOverride { get; set; }
    public ConcurrentQueue<(string Method, string Path, string? Authorization, string? Url)> Requests { get; } = new();
    public IEnumerable<DateTimeOffset> SubmissionTimes => _submissions;
    private readonly ConcurrentQueue<DateTimeOffset> _submissions = new();

    public static async Task<LoopbackSavePageNow> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new LoopbackSavePageNow(app);
        app.MapPost("/save", server.SaveAsync);
        app.MapGet("/save/status/{job}", server.StatusAsync);
        await app.StartAsync();
        server.Endpoint = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return server;
    }

    private async Task SaveAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var url = form["url"].ToString();
        var authorization = context.Request.Headers.Authorization.ToString();
        Requests.Enqueue(("POST", "/save", authorization, url));
        _submissions.Enqueue(DateTimeOffset.UtcNow);
        if (authorization != $"LOW {AccessKey}:{SecretKey}")
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsJsonAsync(new { status = "error", status_ext = "error:unauthorized", message = "bad keys" });
            return;
        }
        if (Interlocked.Increment(ref _refused) <= TooManyRequests)
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "1";
            return;
        }
        var job = $"spn2-{Interlocked.Increment(ref _jobs)}";
        _polls[job] = 0;
        _urls[job] = url;
        await context.Response.WriteAsJsonAsync(new { url, job_id = job });
    }

    private readonly ConcurrentDictionary<string, string> _urls = new();

    private async Task StatusAsync(HttpContext context, string job)
    {
        Requests.Enqueue(("GET", $"/save/status/{job}", context.Request.Headers.Authorization.ToString(), null));
        if (!_urls.TryGetValue(job, out var url)) { context.Response.StatusCode = 404; return; }
        var polls = _polls.AddOrUpdate(job, 1, (_, n) => n + 1);
        if (polls <= PendingPolls) { await context.Response.WriteAsJsonAsync(new { status = "pending", job_id = job }); return; }
        if (FailJobs)
        {
            await context.Response.WriteAsJsonAsync(new { status = "error", job_id = job, status_ext = "error:bad-gateway", message = "Couldn't connect to the target server." });
            return;
        }
        await context.Response.WriteAsJsonAsync(new { status = "success", job_id = job, timestamp = CaptureTimestamp, original_url = OriginalUrlOverride ?? url, digest = "SHA1ABCDEFGHIJKLMNOPQRSTUVWXYZ23" });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
