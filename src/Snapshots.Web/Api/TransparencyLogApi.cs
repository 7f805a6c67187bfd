using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Snapshots.Ledger;
using Snapshots.Web.Http;

namespace Snapshots.Web.Api;

/// <summary>
/// The transparency log on the web face: <c>/log/checkpoint</c> (the latest signed checkpoint, signed-note text),
/// <c>/log/public-key.pem</c>, <c>/log/proof/inclusion?leaf=N&amp;size=S</c> (or <c>hash=HEX</c>; size defaults to the latest
/// checkpoint's), <c>/log/proof/consistency?from=M&amp;to=N</c> and <c>/log/leaves?start=A&amp;end=B</c> (end exclusive, at most
/// <see cref="LogOptions.MaxLeavesPerRequest"/>). A parameter that is missing or not a number is a 400 problem naming it; what the
/// log does not hold, a 404 problem.
/// </summary>
public static class TransparencyLogApi
{
    public const string Tag = "Transparency log";

    public static void Map(IEndpointRouteBuilder app)
    {
        var log = app.MapGroup("/log").WithTags(Tag);
        log.MapMethods("/checkpoint", [HttpMethods.Get, HttpMethods.Head], CheckpointAsync).WithName("GetCheckpoint")
            .WithSummary("The latest signed checkpoint (C2SP signed note: origin, size, base64 root hash, time; Ed25519 signature)")
            .Produces<string>(StatusCodes.Status200OK, "text/plain").Produces(StatusCodes.Status404NotFound);
        log.MapMethods("/checkpoints/{size}", [HttpMethods.Get, HttpMethods.Head], OneCheckpointAsync).WithName("GetCheckpointOfSize")
            .WithSummary("The signed checkpoint of a tree size").Produces<string>(StatusCodes.Status200OK, "text/plain").Produces(StatusCodes.Status400BadRequest).Produces(StatusCodes.Status404NotFound);
        log.MapMethods("/checkpoints.atom", [HttpMethods.Get, HttpMethods.Head], Feeds.CheckpointFeed.HandleAsync).ExcludeFromDescription();
        log.MapMethods("/public-key.pem", [HttpMethods.Get, HttpMethods.Head], PublicKey).WithName("GetLogPublicKey")
            .WithSummary("The log's Ed25519 public key (PEM)").Produces<string>(StatusCodes.Status200OK, "application/x-pem-file").Produces(StatusCodes.Status404NotFound);
        log.MapGet("/proof/inclusion", InclusionAsync).WithName("GetInclusionProof")
            .WithSummary("RFC 9162 inclusion proof of a leaf (by index: leaf, or by leaf hash: hash) in the tree of size 'size' (default: the latest checkpoint's)")
            .Produces<InclusionProof>(StatusCodes.Status200OK, "application/json").Produces(StatusCodes.Status400BadRequest).Produces(StatusCodes.Status404NotFound);
        log.MapGet("/proof/consistency", ConsistencyAsync).WithName("GetConsistencyProof")
            .WithSummary("RFC 9162 consistency proof from the tree of size 'from' to the tree of size 'to'")
            .Produces<ConsistencyProof>(StatusCodes.Status200OK, "application/json").Produces(StatusCodes.Status400BadRequest).Produces(StatusCodes.Status404NotFound);
        log.MapGet("/leaves", LeavesAsync).WithName("GetLeaves")
            .WithSummary("Leaves start (inclusive) to end (exclusive): index, canonical text and RFC 9162 leaf hash")
            .Produces<IReadOnlyList<LeafJson>>(StatusCodes.Status200OK, "application/json").Produces(StatusCodes.Status400BadRequest).Produces(StatusCodes.Status404NotFound);
    }

    /// <summary>One leaf as served: its index, canonical text and RFC 9162 leaf hash (hex).</summary>
    public sealed record LeafJson(long Index, string Leaf, string LeafHash);

    private static async Task<IResult> CheckpointAsync(TransparencyLog log, CancellationToken ct) =>
        await log.LatestCheckpointAsync(ct) is { } checkpoint
            ? CachedContent.Text(checkpoint.Note, "text/plain; charset=utf-8", CachePolicies.Page)
            : ApiResults.NotFound("the transparency log has no signed checkpoint yet");

    private static async Task<IResult> OneCheckpointAsync(string size, TransparencyLog log, CancellationToken ct)
    {
        try
        {
            var tree = Number(size, "size");
            return await log.CheckpointAsync(tree, ct) is { } checkpoint
                ? CachedContent.Text(checkpoint.Note, "text/plain; charset=utf-8", CachePolicies.Immutable)
                : ApiResults.NotFound($"the log signed no checkpoint of size {tree}");
        }
        catch (LogQueryException e) { return BadRequest(e.Message); }
    }

    private static IResult PublicKey(CheckpointSigner signer) =>
        signer.PublicKeyPem is { } pem
            ? CachedContent.Text(pem, "application/x-pem-file", CachePolicies.Page)
            : ApiResults.NotFound("this site has no log signing key configured");

    private static async Task<IResult> InclusionAsync(string? leaf, string? hash, string? size, TransparencyLog log, LogProofs proofs, CancellationToken ct)
    {
        if ((leaf is null) == (hash is null)) return BadRequest("give exactly one of 'leaf' (a leaf index) or 'hash' (a leaf hash, 64 hex digits)");
        return await AnswerAsync(async () =>
        {
            var tree = size is null ? (await log.LatestCheckpointAsync(ct))?.Size ?? throw new LogQueryException("the transparency log has no signed checkpoint yet", true)
                : Number(size, "size");
            return leaf is not null ? await proofs.InclusionAsync(Number(leaf, "leaf"), tree, ct) : await proofs.InclusionByHashAsync(hash!, tree, ct);
        });
    }

    private static Task<IResult> ConsistencyAsync(string? from, string? to, LogProofs proofs, CancellationToken ct) =>
        AnswerAsync(() => proofs.ConsistencyAsync(Number(from, "from"), Number(to, "to"), ct));

    private static Task<IResult> LeavesAsync(string? start, string? end, TransparencyLog log, IOptions<LogOptions> options, CancellationToken ct) =>
        AnswerAsync(async () =>
        {
            var first = Number(start, "start");
            var last = Number(end, "end");
            var max = options.Value.MaxLeavesPerRequest;
            if (last <= first) throw new LogQueryException($"end={last} is not after start={first}", false);
            if (last - first > max) throw new LogQueryException($"start={first}, end={last} asks for {last - first} leaves: at most {max} per request", false);
            var size = await log.SizeAsync(ct);
            if (first >= size) throw new LogQueryException($"the log has {size} leaves: none from {first}", true);
            var leaves = await log.LeavesAsync(first, Math.Min(last, size), ct);
            return (IReadOnlyList<LeafJson>)leaves.Select(l => new LeafJson(l.Index, l.Data,
                Convert.ToHexStringLower(MerkleTree.LeafHash(System.Text.Encoding.UTF8.GetBytes(l.Data))))).ToList();
        });

    private static async Task<IResult> AnswerAsync<T>(Func<Task<T>> answer)
    {
        try { return ApiResults.Ok(await answer()); }
        catch (LogQueryException e) { return e.NotFound ? ApiResults.NotFound(e.Message) : BadRequest(e.Message); }
    }

    private static long Number(string? value, string name)
    {
        if (value is null) throw new LogQueryException($"'{name}' is missing: expected a whole number", false);
        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            throw new LogQueryException($"'{name}' is not a whole number of at most 19 digits (got {Shown(value)})", false);
        return number;
    }

    private static string Shown(string value) => value.Length <= 40 ? $"'{Text.VisibleText.Of(value)}'" : $"{value.Length} characters";

    private static IResult BadRequest(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest);
}
