using Snapshots.Cli.Local;

namespace Snapshots.Benchmarks.EndToEnd;

/// <summary>An in-memory Azurite of the benchmark's own, on free loopback ports, stopped on dispose.</summary>
public sealed class BenchmarkStorage : IAsyncDisposable
{
    private const string Account = "devstoreaccount1";
    private readonly AzuriteLauncher _launcher;

    private BenchmarkStorage(AzuriteLauncher launcher, string connectionString, int blobPort, int queuePort)
    {
        _launcher = launcher;
        ConnectionString = connectionString;
        BlobPort = blobPort;
        QueuePort = queuePort;
    }

    public string ConnectionString { get; }
    public int BlobPort { get; }
    public int QueuePort { get; }

    /// <summary>CPU time Azurite has used so far (user and system).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            using var process = System.Diagnostics.Process.GetProcessById(_launcher.ProcessId);
            return process.TotalProcessorTime;
        }
    }

    public static async Task<BenchmarkStorage> StartAsync(string repositoryRoot, Action<string> say)
    {
        var launcher = await AzuriteLauncher.StartInMemoryAsync(repositoryRoot, accounts: null, say);
        return new BenchmarkStorage(launcher, launcher.ConnectionStringFor(Account), launcher.BlobPort, launcher.QueuePort);
    }

    public ValueTask DisposeAsync() => _launcher.DisposeAsync();
}
