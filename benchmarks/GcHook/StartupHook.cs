using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

/// <summary>
/// A startup hook (DOTNET_STARTUP_HOOKS) that counts the GC's allocation ticks (one about every 100 KB allocated, charged to
/// the type that crossed it) by type and heap, and at exit appends the process's collections, GC pause time, bytes allocated
/// and the 25 types allocated most to GCHOOK_OUT (default /tmp/gchook.txt). For allocations only: the listener costs CPU.
/// </summary>
internal class StartupHook
{
    private static Listener? _listener;

    public static void Initialize()
    {
        _listener = new Listener();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Report();
    }

    private static void Report()
    {
        var path = Environment.GetEnvironmentVariable("GCHOOK_OUT") ?? "/tmp/gchook.txt";
        using var w = File.AppendText(path);
        w.WriteLine($"== pid {Environment.ProcessId} args {string.Join(' ', Environment.GetCommandLineArgs().Skip(1).Take(2))}");
        w.WriteLine($"gen0 {GC.CollectionCount(0)} gen1 {GC.CollectionCount(1)} gen2 {GC.CollectionCount(2)} pause {GC.GetTotalPauseDuration().TotalMilliseconds:F0} ms allocated {GC.GetTotalAllocatedBytes() / 1048576.0:F1} MiB");
        foreach (var (type, bytes) in _listener!.Bytes.OrderByDescending(p => p.Value).Take(25)) w.WriteLine($"  {bytes / 1048576.0,8:F1} MiB  {type}");
    }

    private sealed class Listener : EventListener
    {
        public readonly ConcurrentDictionary<string, long> Bytes = new();

        protected override void OnEventSourceCreated(EventSource source)
        {
            // The runtime's GC keyword at verbose level carries the allocation ticks.
            if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName is not ("GCAllocationTick_V4" or "GCAllocationTick_V3") || e.Payload is null || e.PayloadNames is null) return;
            var kind = Convert.ToInt32(e.Payload[e.PayloadNames.IndexOf("AllocationKind")]);
            var type = e.Payload[e.PayloadNames.IndexOf("TypeName")] as string ?? "?";
            var amount = Convert.ToInt64(e.Payload[e.PayloadNames.IndexOf("AllocationAmount64")]);
            Bytes.AddOrUpdate((kind switch { 0 => "small ", 1 => "large ", _ => "pinned " }) + type, amount, (_, v) => v + amount);
        }
    }
}
