using System.Diagnostics;
using System.Net.Sockets;

namespace Snapshots.Cli.Local;

/// <summary>
/// Starts Azurite from the repository's node_modules when storage is <c>UseDevelopmentStorage=true</c> and nothing listens
/// on the Azurite ports (installing it with <c>npm ci</c> first if needed), and stops what it started when disposed.
/// </summary>
public sealed class AzuriteLauncher : IAsyncDisposable
{
    public static readonly int[] Ports = [10000, 10001, 10002];
    private readonly Process? _process;

    private AzuriteLauncher(Process? process, string? dataFolder, int blobPort = 10000, int queuePort = 10001, int tablePort = 10002)
    {
        _process = process;
        DataFolder = dataFolder;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    /// <summary>Azurite's published development key (not a secret), used for the accounts of tests and benchmarks.</summary>
    public const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    /// <summary>A connection string to <paramref name="account"/> on this Azurite (path-style endpoints, so any account works).</summary>
    public string ConnectionStringFor(string account, string key = DevelopmentKey) =>
        $"DefaultEndpointsProtocol=http;AccountName={account};AccountKey={key};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{account};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{account};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{account};";

    /// <summary>An in-memory Azurite of the caller's own on free loopback ports (tests, benchmarks, evaluations).</summary>
    public static Task<AzuriteLauncher> StartInMemoryAsync(string root, string? accounts, Action<string> say, CancellationToken ct = default)
    {
        var listeners = Enumerable.Range(0, 3).Select(_ => new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((System.Net.IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return StartAsync(root, ports[0], ports[1], ports[2], dataFolder: null, accounts, say, ct);
    }

    /// <summary>True when this launcher started Azurite (and will stop it).</summary>
    public bool Started => _process is not null;
    public string? DataFolder { get; }

    public static async Task<AzuriteLauncher> EnsureRunningAsync(Action<string> say, string? dataFolder = null, CancellationToken ct = default)
    {
        if (Ports.All(IsListening)) return new AzuriteLauncher(null, null);
        if (Ports.Any(IsListening))
            throw new AzuriteException($"only some of the Azurite ports ({string.Join(", ", Ports)}) are in use: stop whatever holds them or start Azurite yourself.");
        var root = RepositoryRoot.Find() ?? throw new AzuriteException("cannot find the repository's package.json to start Azurite from: run from inside the repository, or start Azurite yourself (npx azurite).");
        dataFolder ??= Path.Combine(root, ".azurite");
        var launcher = await StartAsync(root, Ports[0], Ports[1], Ports[2], dataFolder, accounts: null, say, ct);
        say($"Started Azurite (data in {dataFolder}).");
        return launcher;
    }

    /// <summary>
    /// Starts Azurite from <paramref name="root"/>'s node_modules on the given ports, with its data in <paramref name="dataFolder"/>
    /// (null: in memory) and, if given, extra accounts (AZURITE_ACCOUNTS syntax "name:key;name:key").
    /// </summary>
    public static async Task<AzuriteLauncher> StartAsync(string root, int blobPort, int queuePort, int tablePort, string? dataFolder, string? accounts, Action<string> say, CancellationToken ct = default)
    {
        var script = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            say("Installing Azurite (npm ci)...");
            await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], root, ct);
            if (!File.Exists(script)) throw new AzuriteException($"npm ci did not install Azurite at {script}.");
        }

        List<string> arguments = [script, "--silent", "--skipApiVersionCheck",
            "--blobHost", "127.0.0.1", "--blobPort", $"{blobPort}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{queuePort}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{tablePort}"];
        if (dataFolder is null) arguments.Add("--inMemoryPersistence");
        else
        {
            Directory.CreateDirectory(dataFolder);
            arguments.AddRange(["--location", dataFolder]);
        }
        var start = new ProcessStartInfo(Node(), arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (accounts is not null) start.Environment["AZURITE_ACCOUNTS"] = accounts;
        var process = Process.Start(start) ?? throw new AzuriteException("could not start node.");
        var errors = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (errors) errors.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        int[] ports = [blobPort, queuePort, tablePort];
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!ports.All(IsListening))
        {
            if (process.HasExited) throw new AzuriteException($"Azurite exited at start with code {process.ExitCode}: {errors}");
            if (DateTime.UtcNow > deadline) { process.Kill(true); throw new AzuriteException("Azurite did not listen within 30 s."); }
            await Task.Delay(100, ct);
        }
        return new AzuriteLauncher(process, dataFolder, blobPort, queuePort, tablePort);
    }

    /// <summary>Stops Azurite gracefully (SIGINT, so that it saves its data), and kills it if it has not exited within 10 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_process is null || _process.HasExited) return;
        if (OperatingSystem.IsWindows() || Signals.Interrupt(_process.Id) != 0) _process.Kill(entireProcessTree: true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try { await _process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); await _process.WaitForExitAsync(); }
        _process.Dispose();
    }

    private static string Node()
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
            if (File.Exists(Path.Combine(folder, "node"))) return Path.Combine(folder, "node");
        throw new AzuriteException("Node.js is not installed, and Azurite needs it: install Node.js 20 or later (e.g. apt-get install nodejs npm), or set AzureWebJobsStorage to a real storage account.");
    }

    private static async Task RunAsync(string file, string[] arguments, string folder, CancellationToken ct)
    {
        _ = Node();
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { WorkingDirectory = folder, UseShellExecute = false })
            ?? throw new AzuriteException($"could not start {file}.");
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0) throw new AzuriteException($"{file} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}.");
    }

    public static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

public sealed class AzuriteException(string message) : Exception(message);
