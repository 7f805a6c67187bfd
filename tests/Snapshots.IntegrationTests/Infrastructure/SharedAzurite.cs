using System.Net;
using System.Net.Sockets;
using Snapshots.Cli.Local;

namespace Snapshots.IntegrationTests.Infrastructure;

/// <summary>
/// One in-memory Azurite for the whole test run, on free loopback ports, with many accounts so that every test
/// gets storage of its own (isolation without a process per test). Stopped when the test process exits.
/// </summary>
public static class SharedAzurite
{
    public const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private const int AccountCount = 400;
    private static readonly Lazy<Task<Instance>> Started = new(StartAsync);
    private static int _nextAccount = -1;

    public sealed record Instance(AzuriteLauncher Launcher, int BlobPort, int QueuePort, int TablePort);

    /// <summary>A connection string to an account no other test uses.</summary>
    public static async Task<string> NewAccountAsync()
    {
        var instance = await Started.Value;
        var index = Interlocked.Increment(ref _nextAccount);
        if (index >= AccountCount) throw new InvalidOperationException($"more than {AccountCount} storage accounts requested: raise AccountCount");
        var name = AccountName(index);
        return $"DefaultEndpointsProtocol=http;AccountName={name};AccountKey={Key};" +
               $"BlobEndpoint=http://127.0.0.1:{instance.BlobPort}/{name};" +
               $"QueueEndpoint=http://127.0.0.1:{instance.QueuePort}/{name};" +
               $"TableEndpoint=http://127.0.0.1:{instance.TablePort}/{name};";
    }

    private static string AccountName(int index) => $"test{index:D4}";

    private static async Task<Instance> StartAsync()
    {
        var root = RepositoryRoot.Find() ?? throw new InvalidOperationException("tests must run inside the repository (package.json pins Azurite)");
        var accounts = string.Join(';', Enumerable.Range(0, AccountCount).Select(i => $"{AccountName(i)}:{Key}"));
        var ports = FreePorts(3);
        var launcher = await AzuriteLauncher.StartAsync(root, ports[0], ports[1], ports[2], dataFolder: null, accounts, _ => { });
        AppDomain.CurrentDomain.ProcessExit += (_, _) => launcher.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return new Instance(launcher, ports[0], ports[1], ports[2]);
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }
}
