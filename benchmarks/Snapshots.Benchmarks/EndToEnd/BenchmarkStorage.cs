using System.Net;
using System.Net.Sockets;
using Snapshots.Cli.Local;

namespace Snapshots.Benchmarks.EndToEnd;

/// <summary>An in-memory Azurite of the benchmark's own, on free loopback ports, stopped on dispose.</summary>
public sealed class BenchmarkStorage : IAsyncDisposable
{
    private const string Account = "devstoreaccount1";
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
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

    public static async Task<BenchmarkStorage> StartAsync(string repositoryRoot, Action<string> say)
    {
        var ports = FreePorts(3);
        var launcher = await AzuriteLauncher.StartAsync(repositoryRoot, ports[0], ports[1], ports[2], dataFolder: null, accounts: null, say);
        var connection = $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={Key};" +
                         $"BlobEndpoint=http://127.0.0.1:{ports[0]}/{Account};" +
                         $"QueueEndpoint=http://127.0.0.1:{ports[1]}/{Account};" +
                         $"TableEndpoint=http://127.0.0.1:{ports[2]}/{Account};";
        return new BenchmarkStorage(launcher, connection, ports[0], ports[1]);
    }

    public ValueTask DisposeAsync() => _launcher.DisposeAsync();

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }
}
