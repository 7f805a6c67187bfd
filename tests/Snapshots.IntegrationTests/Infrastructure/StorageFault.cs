using Azure.Core;
using Azure.Core.Pipeline;

namespace Snapshots.IntegrationTests.Infrastructure;

/// <summary>
/// A fault of the store at an exact moment, injected into the real Azure SDK pipeline (the one thing Azurite cannot be made
/// to do on cue): requests matching "METHOD service/path" (e.g. "POST changes/messages") either fail before they are sent
/// (the service is unreachable) or are sent and then lose their reply (the write happened, the caller never hears of it).
/// Armed for a number of matching requests, then passes everything.
/// </summary>
public sealed class StorageFault : HttpPipelinePolicy
{
    private string? _target;
    private bool _loseReply;
    private int _remaining;
    private int _fired;

    public int Fired => Volatile.Read(ref _fired);

    /// <summary>The next <paramref name="times"/> matching requests fail without reaching the service.</summary>
    public void Refuse(string target, int times = int.MaxValue) => Arm(target, loseReply: false, times);

    /// <summary>The next <paramref name="times"/> matching requests reach the service, then their reply is lost.</summary>
    public void LoseReply(string target, int times = 1) => Arm(target, loseReply: true, times);

    public void Disarm() => Volatile.Write(ref _remaining, 0);

    private void Arm(string target, bool loseReply, int times)
    {
        _target = target;
        _loseReply = loseReply;
        Volatile.Write(ref _remaining, times);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline, async: false).AsTask().GetAwaiter().GetResult();

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline, async: true);

    private async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline, bool async)
    {
        var hit = Matches(message) && Interlocked.Decrement(ref _remaining) >= 0;
        if (hit && !_loseReply)
        {
            Interlocked.Increment(ref _fired);
            throw new InvalidOperationException($"fault injected: {_target} unreachable");
        }
        if (async) await ProcessNextAsync(message, pipeline);
        else ProcessNext(message, pipeline);
        if (hit)
        {
            Interlocked.Increment(ref _fired);
            throw new IOException($"fault injected: the reply to {_target} was lost");
        }
    }

    private bool Matches(HttpMessage message)
    {
        if (_target is null || Volatile.Read(ref _remaining) <= 0) return false;
        var uri = message.Request.Uri.ToUri();
        var path = string.Join('/', uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1));
        var cut = path.IndexOf('(');
        if (cut > 0) path = path[..cut];
        return $"{message.Request.Method} {path}" == _target;
    }
}
