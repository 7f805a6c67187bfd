using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Snapshots.IntegrationTests.Infrastructure;

/// <summary>
/// SendGrid's v3 <c>POST /v3/mail/send</c> on a loopback Kestrel server (<see cref="LoopbackSite"/>): records every request's
/// headers and JSON body, and answers with the statuses queued by <see cref="Answer"/> (202 when none is queued).
/// </summary>
public sealed class RecordingSendGridEndpoint : IAsyncDisposable
{
    public const string Path = "/v3/mail/send";
    private readonly LoopbackSite _site;
    private readonly ConcurrentQueue<int> _answers = new();
    private readonly ConcurrentQueue<SendGridRequest> _requests = new();
    private int _messageIds;

    private RecordingSendGridEndpoint(LoopbackSite site)
    {
        _site = site;
        site.Handle(Path, ServeAsync);
    }

    /// <summary>The base address to configure as <c>SendGrid:Host</c>.</summary>
    public string Host => _site.BaseUri.AbsoluteUri.TrimEnd('/');

    public IReadOnlyList<SendGridRequest> Requests => _requests.ToArray();

    public static async Task<RecordingSendGridEndpoint> StartAsync() => new(await LoopbackSite.StartAsync());

    /// <summary>Queues the statuses of the next requests, in order.</summary>
    public void Answer(params int[] statuses)
    {
        foreach (var status in statuses) _answers.Enqueue(status);
    }

    private async Task ServeAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _requests.Enqueue(new SendGridRequest(context.Request.Method, headers, JsonDocument.Parse(body).RootElement.Clone()));
        var status = _answers.TryDequeue(out var queued) ? queued : StatusCodes.Status202Accepted;
        context.Response.StatusCode = status;
        if (status == StatusCodes.Status202Accepted)
        {
            context.Response.Headers["X-Message-Id"] = $"test-message-{Interlocked.Increment(ref _messageIds)}";
            return;
        }
        if (status == StatusCodes.Status429TooManyRequests) context.Response.Headers.RetryAfter = "1";
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($$"""{"errors":[{"message":"answered {{status}} by the test endpoint","field":"personalizations.0.to.0.email"}]}""");
    }

    public ValueTask DisposeAsync() => _site.DisposeAsync();
}

/// <summary>One recorded <c>mail/send</c> call.</summary>
public sealed record SendGridRequest(string Method, IReadOnlyDictionary<string, string> Headers, JsonElement Body)
{
    /// <summary>The subject of the first personalization, or the message's own.</summary>
    public string Subject =>
        (Body.GetProperty("personalizations")[0].TryGetProperty("subject", out var own) ? own : Body.GetProperty("subject")).GetString() ?? "";

    public string Content(string type) =>
        Body.GetProperty("content").EnumerateArray().Single(c => c.GetProperty("type").GetString() == type).GetProperty("value").GetString() ?? "";
}
