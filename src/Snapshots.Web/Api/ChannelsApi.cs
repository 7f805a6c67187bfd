using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Snapshots.Channels;
using Snapshots.Subscribers;
using Snapshots.Web.Http;
using Snapshots.Web.Subscriptions;

namespace Snapshots.Web.Api;

/// <summary>
/// <c>/api/subscription/channels</c>: a subscriber's delivery channels (webhooks, Slack, Teams) for scripts, with the manage
/// link's token as a bearer token (<c>Authorization: Bearer …</c>; the token of any manage link, valid seven days). List, add
/// (a webhook's signing secret is in that answer only), send a test delivery, remove. The same rules as the manage page's
/// channels form (<see cref="ChannelDirectory"/>): a plan without channels, a hostile or private address, a malformed kind
/// or URL are refused as 422 problems naming why; a body over <see cref="MaxBodyBytes"/> is refused unread. Nothing here is
/// cached: every answer is <c>no-store</c>.
/// </summary>
public static class ChannelsApi
{
    public const string Tag = "Subscription";
    public const string Path = "/api/subscription/channels";
    public const int MaxBodyBytes = 8 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record NewChannelJson(string? Kind, string? Url, string? Name);

    public sealed record ChannelJson(string Id, string Kind, string Name, string Address, bool Enabled, DateTimeOffset CreatedAt,
        DateTimeOffset? LastDeliveredAt, int ConsecutiveFailures, string? LastError, DateTimeOffset? DisabledAt, string? DisabledReason);

    public sealed record AddedChannelJson(ChannelJson Channel, string? Secret);

    public sealed record ChannelTestJson(bool Delivered, int? Status, string Detail);

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Path).WithTags(Tag).RequireRateLimiting(FormRateLimits.Policy);
        api.MapGet("", ListAsync).WithName("ListChannels").WithSummary("The subscriber's delivery channels (no secrets)")
            .Produces<IReadOnlyList<ChannelJson>>(StatusCodes.Status200OK, "application/json").ProducesProblem(StatusCodes.Status401Unauthorized);
        api.MapPost("", AddAsync).WithName("AddChannel")
            .WithSummary("Adds a channel from {kind: webhook|slack|teams, url, name}; a webhook's signing secret is in this answer only")
            .Produces<AddedChannelJson>(StatusCodes.Status201Created, "application/json").ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapPost("/{id}/test", TestAsync).WithName("TestChannel").WithSummary("Sends a signed test delivery to the channel now and says what its receiver answered")
            .Produces<ChannelTestJson>(StatusCodes.Status200OK, "application/json").ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/{id}", RemoveAsync).WithName("RemoveChannel").WithSummary("Removes the channel")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(HttpContext context, SubscriberLinks links, SubscriberDirectory directory, ChannelDirectory channels, CancellationToken ct)
    {
        if (await SubscriberOfAsync(context, links, directory, ct) is not { } subscriber) return Unauthorized(context);
        var rows = await channels.ListAsync(subscriber.SubscriberId, ct);
        return Private(context, Results.Json(rows.Select(Of).ToList(), Json));
    }

    private static async Task<IResult> AddAsync(HttpContext context, SubscriberLinks links, SubscriberDirectory directory, ChannelDirectory channels, CancellationToken ct)
    {
        if (await SubscriberOfAsync(context, links, directory, ct) is not { } subscriber) return Unauthorized(context);
        var (body, refusal) = await ReadAsync(context, ct);
        if (body is null) return refusal!;
        try
        {
            var added = await channels.AddAsync(subscriber.SubscriberId, body.Kind ?? "", body.Url ?? "", body.Name, ct);
            return Private(context, Results.Json(new AddedChannelJson(Of(added.Channel), added.Secret), Json, statusCode: StatusCodes.Status201Created));
        }
        catch (SubscriberRefusedException e)
        {
            return Private(context, Results.Problem(e.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: "This channel cannot be added"));
        }
    }

    private static async Task<IResult> TestAsync(string id, HttpContext context, SubscriberLinks links, SubscriberDirectory directory, ChannelDirectory channels,
        ChannelTest test, CancellationToken ct)
    {
        if (await SubscriberOfAsync(context, links, directory, ct) is not { } subscriber) return Unauthorized(context);
        ChannelRecord channel;
        try { channel = await channels.GetAsync(subscriber.SubscriberId, id, ct); }
        catch (ChannelRefusedException e) { return Private(context, ApiResults.NotFound(e.Message)); }
        var result = await test.SendAsync(channel, ct);
        return Private(context, Results.Json(new ChannelTestJson(result.Outcome == ChannelSendOutcome.Delivered, result.Status, result.Detail), Json));
    }

    private static async Task<IResult> RemoveAsync(string id, HttpContext context, SubscriberLinks links, SubscriberDirectory directory, ChannelDirectory channels, CancellationToken ct)
    {
        if (await SubscriberOfAsync(context, links, directory, ct) is not { } subscriber) return Unauthorized(context);
        // As `channels remove`: the channel is looked up first, so that an unknown id is named with the subscriber's channels.
        try { await channels.RemoveAsync(subscriber.SubscriberId, (await channels.GetAsync(subscriber.SubscriberId, id, ct)).ChannelId, ct); }
        catch (ChannelRefusedException e) { return Private(context, ApiResults.NotFound(e.Message)); }
        return Private(context, Results.NoContent());
    }

    /// <summary>The subscriber whose manage token is the request's bearer token, or null.</summary>
    private static async Task<SubscriberRecord?> SubscriberOfAsync(HttpContext context, SubscriberLinks links, SubscriberDirectory directory, CancellationToken ct)
    {
        var header = context.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            ? await ManagedSubscriber.FindAsync(header[scheme.Length..].Trim(), links, directory, ct)
            : null;
    }

    private static IResult Unauthorized(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Private(context, Results.Problem("send the token of a manage link (from any email Snapshots sent you; valid seven days) as Authorization: Bearer TOKEN",
            statusCode: StatusCodes.Status401Unauthorized, title: "No valid manage token"));
    }

    /// <summary>The posted JSON, read up to <see cref="MaxBodyBytes"/>; or the problem saying why not.</summary>
    private static async Task<(NewChannelJson? Body, IResult? Refusal)> ReadAsync(HttpContext context, CancellationToken ct)
    {
        if (context.Request.ContentLength > MaxBodyBytes) return (null, TooLarge(context));
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return (null, TooLarge(context));
            buffer.Write(chunk, 0, read);
        }
        try
        {
            if (JsonSerializer.Deserialize<NewChannelJson>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Json) is { } body) return (body, null);
        }
        catch (JsonException e)
        {
            return (null, Private(context, Results.Problem($"the body is not a JSON object {{\"kind\", \"url\", \"name\"}}: {e.Message}", statusCode: StatusCodes.Status400BadRequest,
                title: "Malformed request body")));
        }
        return (null, Private(context, Results.Problem("the body is empty or null: send {\"kind\": \"webhook\", \"url\": \"https://…\", \"name\": \"…\"}",
            statusCode: StatusCodes.Status400BadRequest, title: "Malformed request body")));
    }

    private static IResult TooLarge(HttpContext context) => Private(context, Results.Problem($"a channel request has at most {MaxBodyBytes} bytes",
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large"));

    private static ChannelJson Of(ChannelRecord c) => new(c.ChannelId, c.Kind, c.Name, c.ShownUrl, c.Enabled, c.CreatedAt, c.LastDeliveredAt,
        c.ConsecutiveFailures, c.LastError, c.DisabledAt, c.DisabledReason);

    /// <summary>A subscriber's own data: never stored by a cache.</summary>
    private static IResult Private(HttpContext context, IResult result)
    {
        context.Response.Headers.CacheControl = "no-store";
        return result;
    }
}
