using Azure.Core;
using Azure.Core.Pipeline;

namespace Snapshots.IntegrationTests.Infrastructure;

/// <summary>An Azure SDK pipeline policy that records every storage request as "METHOD service/path-without-account".</summary>
public sealed class StorageRequestLog : HttpPipelineSynchronousPolicy
{
    private readonly List<string> _requests = [];

    public IReadOnlyList<string> Requests { get { lock (_requests) return _requests.ToList(); } }

    public void Clear() { lock (_requests) _requests.Clear(); }

    public override void OnSendingRequest(HttpMessage message)
    {
        var uri = message.Request.Uri.ToUri();
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1); // drop the account
        var path = string.Join('/', segments);
        var cut = path.IndexOf('(');
        if (cut > 0) path = path[..cut];
        lock (_requests) _requests.Add($"{message.Request.Method} {path}");
    }
}
