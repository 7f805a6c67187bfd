using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Snapshots.Benchmarks.EndToEnd;

/// <summary>
/// An Azure SDK pipeline policy that names every storage request by kind, e.g. <c>GET table documents (entity) → 200</c>
/// or <c>PUT blob snapshots → 201</c>: the breakdown behind <see cref="Storage.StorageRequestCounter"/>'s totals.
/// Services are told apart by port (Azurite serves blob, queue and table on one port each).
/// </summary>
public sealed class StorageRequestLedger(int blobPort, int queuePort) : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentDictionary<string, RequestTally> _tallies = new(StringComparer.Ordinal);

    public override void OnReceivedResponse(HttpMessage message)
    {
        var bytes = message.Request.Content is { } content && content.TryComputeLength(out var length) ? length : 0;
        _tallies.AddOrUpdate($"{KindOf(message.Request)} → {message.Response.Status}", new RequestTally(1, bytes), (_, t) => new RequestTally(t.Count + 1, t.BytesSent + bytes));
    }

    public IReadOnlyDictionary<string, RequestTally> Snapshot() => new Dictionary<string, RequestTally>(_tallies);

    public void Reset() => _tallies.Clear();

    /// <summary>Method, service and resource of a request, without the keys or blob names that differ per document.</summary>
    private string KindOf(Request request)
    {
        var uri = request.Uri.ToUri();
        var segments = uri.AbsolutePath.Trim('/').Split('/');
        var resource = segments.Length > 1 ? Uri.UnescapeDataString(segments[1]) : "(account)";
        var method = request.Method.ToString();
        if (uri.Port == blobPort) return $"{method} blob {resource}";
        if (uri.Port == queuePort) return $"{method} queue {resource}";
        var open = resource.IndexOf('(');
        var table = open < 0 ? resource : resource[..open];
        var shape = open < 0 ? "" : resource.EndsWith("()", StringComparison.Ordinal) ? " (query)" : " (entity)";
        return $"{method} table {table}{shape}";
    }
}

/// <summary>How many requests of one kind were sent, and their request body bytes.</summary>
public readonly record struct RequestTally(long Count, long BytesSent);
