using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Snapshots.IntegrationTests.Infrastructure;

/// <summary>
/// A delivery channel's receiver on a loopback Kestrel server (<see cref="LoopbackSite"/>): records every POST to <see cref="Path"/>
/// (headers and body as received) and answers with the statuses queued by <see cref="Answer"/> (200 when none is queued), a
/// Retry-After header with each one that asks for it.
/// </summary>
public sealed class ChannelReceiver : IAsyncDisposable
{
    public const string Path = "/hooks/snapshots";
    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> _answers = new();
    private readonly ConcurrentQueue<ReceivedDelivery> _received = new();

    private ChannelReceiver(LoopbackSite site)
    {
        Site = site;
        site.Handle(Path, ServeAsync);
    }

    public LoopbackSite Site { get; }

    public Uri Url => Site.Url(Path);

    /// <summary>The <c>address:port</c> to open with <c>Fetch:AllowedPrivateEndpoints</c>.</summary>
    public string Endpoint => $"127.0.0.1:{Site.BaseUri.Port}";

    /// <summary>Always answer this status (when nothing is queued).</summary>
    public int DefaultStatus { get; set; } = StatusCodes.Status200OK;

    public IReadOnlyList<ReceivedDelivery> Received => _received.ToArray();

    public static async Task<ChannelReceiver> StartAsync() => new(await LoopbackSite.StartAsync());

    /// <summary>Queues the answer to the next request.</summary>
    public void Answer(int status, string? retryAfter = null) => _answers.Enqueue((status, retryAfter));

    private async Task ServeAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _received.Enqueue(new ReceivedDelivery(context.Request.Method, headers, body, DateTimeOffset.UtcNow));
        var (status, retryAfter) = _answers.TryDequeue(out var queued) ? queued : (DefaultStatus, null);
        context.Response.StatusCode = status;
        if (retryAfter is not null) context.Response.Headers.RetryAfter = retryAfter;
        if (status >= 400) await context.Response.WriteAsync($"answered {status} by the test receiver");
    }

    public ValueTask DisposeAsync() => Site.DisposeAsync();
}

/// <summary>One delivery a <see cref="ChannelReceiver"/> got.</summary>
public sealed record ReceivedDelivery(string Method, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset ReceivedAt)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
