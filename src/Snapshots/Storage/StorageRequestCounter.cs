using Azure.Core;
using Azure.Core.Pipeline;

namespace Snapshots.Storage;

/// <summary>An Azure SDK pipeline policy that counts storage requests (every attempt) and request body bytes, for benchmarks and tests.</summary>
internal sealed class StorageRequestCounter : HttpPipelineSynchronousPolicy
{
    private long _requests;
    private long _bytesSent;

    public long Requests => Interlocked.Read(ref _requests);
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    public override void OnSendingRequest(HttpMessage message)
    {
        Interlocked.Increment(ref _requests);
        if (message.Request.Content is { } content && content.TryComputeLength(out var length))
            Interlocked.Add(ref _bytesSent, length);
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _bytesSent, 0);
    }
}
