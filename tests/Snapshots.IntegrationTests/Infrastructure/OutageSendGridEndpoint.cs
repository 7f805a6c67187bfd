using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Snapshots.IntegrationTests.Infrastructure;

/// <summary>
/// SendGrid on a loopback Kestrel server that can be down for a while and then recover: while <see cref="Down"/>, every request
/// answers 503; otherwise <c>POST /v3/mail/send</c> is accepted (202 with an <c>X-Message-Id</c>) and recorded, and the Email
/// Activity API (<c>GET /v3/messages?query=...</c>) answers with the accepted messages whose custom args the query names
/// (<c>unique_args['name']="value"</c>), as SendGrid's does.
/// </summary>
public sealed class OutageSendGridEndpoint : IAsyncDisposable
{
    private readonly LoopbackSite _site;
    private readonly ConcurrentQueue<Accepted> _accepted = new();
    private readonly ConcurrentQueue<string> _lookups = new();
    private int _attempts;
    private int _ids;

    private OutageSendGridEndpoint(LoopbackSite site)
    {
        _site = site;
        site.Handle("/v3/mail/send", SendAsync);
        site.Handle("/v3/messages", LookUpAsync);
    }

    /// <summary>The base address to configure as <c>SendGrid:Host</c>.</summary>
    public string Host => _site.BaseUri.AbsoluteUri.TrimEnd('/');

    /// <summary>While true, every request answers 503 (the provider is down).</summary>
    public bool Down { get; set; }

    /// <summary>When false, the activity API answers 403 (an account without the Email Activity add-on).</summary>
    public bool ActivityApi { get; set; } = true;

    /// <summary>Every email accepted, in order: what a recipient receives.</summary>
    public IReadOnlyList<Accepted> Sent => _accepted.ToArray();

    /// <summary>Every <c>mail/send</c> request, whatever it was answered.</summary>
    public int SendAttempts => Volatile.Read(ref _attempts);

    /// <summary>The query string of every activity lookup.</summary>
    public IReadOnlyList<string> Lookups => _lookups.ToArray();

    public static async Task<OutageSendGridEndpoint> StartAsync() => new(await LoopbackSite.StartAsync());

    private async Task SendAsync(HttpContext context)
    {
        Interlocked.Increment(ref _attempts);
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        if (Down)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        var id = $"sg-{Interlocked.Increment(ref _ids)}";
        using var json = JsonDocument.Parse(body);
        var args = json.RootElement.GetProperty("personalizations")[0].TryGetProperty("custom_args", out var own) ? own
            : json.RootElement.TryGetProperty("custom_args", out var top) ? top : default;
        var customArgs = args.ValueKind == JsonValueKind.Object
            ? args.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        _accepted.Enqueue(new Accepted(id, customArgs));
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        context.Response.Headers["X-Message-Id"] = id;
    }

    private async Task LookUpAsync(HttpContext context)
    {
        var query = context.Request.Query["query"].ToString();
        _lookups.Enqueue(query);
        if (Down)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        if (!ActivityApi)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync("""{"errors":[{"message":"access forbidden"}]}""");
            return;
        }
        var matching = _accepted.Where(a => a.CustomArgs.Any(arg => query.Contains($"unique_args['{arg.Key}']=\"{arg.Value}\"", StringComparison.Ordinal)));
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            messages = matching.Select(a => new { msg_id = a.MessageId, status = "delivered" }).ToList(),
        }));
    }

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    /// <summary>One email SendGrid accepted: its id and its custom args.</summary>
    public sealed record Accepted(string MessageId, IReadOnlyDictionary<string, string> CustomArgs);
}
