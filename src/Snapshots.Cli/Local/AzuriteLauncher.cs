using System.Diagnostics;
using System.Net.Sockets;

namespace Snapshots.Cli.Local;

/// <summary>
/// Azurite from the repository's node_modules (installed with <c>npm ci</c> first if needed), always with telemetry off.
/// An instance started here is a child of this process: it is stopped when disposed, and it stops by itself when this
/// process dies without disposing it (see <see cref="ParentWatchdog"/>). The command's long-lived instance is
/// <see cref="BackgroundAzurite"/>.
/// </summary>
public sealed class AzuriteLauncher : IAsyncDisposable
{
    private readonly Process _process;

    private AzuriteLauncher(Process process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    /// <summary>Azurite's published development key (not a secret), used for the accounts of tests and benchmarks.</summary>
    public const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    /// <summary>The operating system's id of the Node process.</summary>
    public int ProcessId => _process.Id;

    /// <summary>A connection string to <paramref name="account"/> on this Azurite (path-style endpoints, so any account works).</summary>
    public string ConnectionStringFor(string account, string key = DevelopmentKey) =>
        $"DefaultEndpointsProtocol=http;AccountName={account};AccountKey={key};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{account};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{account};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{account};";

    /// <summary>
    /// An in-memory Azurite of the caller's own on free loopback ports (tests, benchmarks, evaluations), stopped when
    /// disposed or when the process <paramref name="watchedProcessId"/> (default: this one) is gone.
    /// </summary>
    public static Task<AzuriteLauncher> StartInMemoryAsync(string root, string? accounts, Action<string> say, CancellationToken ct = default, int? watchedProcessId = null)
    {
        var ports = FreePorts(3);
        return StartAsync(root, ports[0], ports[1], ports[2], dataFolder: null, accounts, say, ct, watchedProcessId);
    }

    /// <summary>
    /// Starts Azurite from <paramref name="root"/>'s node_modules on the given ports, with its data in <paramref name="dataFolder"/>
    /// (null: in memory) and, if given, extra accounts (AZURITE_ACCOUNTS syntax "name:key;name:key").
    /// </summary>
    public static async Task<AzuriteLauncher> StartAsync(string root, int blobPort, int queuePort, int tablePort, string? dataFolder, string? accounts,
        Action<string> say, CancellationToken ct = default, int? watchedProcessId = null)
    {
        var script = await ScriptAsync(root, say, ct);
        var start = new ProcessStartInfo(Node(), ["--require", ParentWatchdog.ScriptPath(), script, .. Arguments(blobPort, queuePort, tablePort, dataFolder)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment[ParentWatchdog.WatchedProcessVariable] = (watchedProcessId ?? Environment.ProcessId).ToString();
        if (accounts is not null) start.Environment["AZURITE_ACCOUNTS"] = accounts;
        var process = Process.Start(start) ?? throw new AzuriteException("could not start node.");
        var errors = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (errors) errors.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await WaitForPortsAsync([blobPort, queuePort, tablePort], () => process.HasExited ? $"Azurite exited at start with code {process.ExitCode}: {errors}" : null, ct);
        }
        catch
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            throw;
        }
        return new AzuriteLauncher(process, blobPort, queuePort, tablePort);
    }

    /// <summary>Stops Azurite gracefully (SIGINT, so that it saves its data), and kills it if it has not exited within 10 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_process.HasExited) { _process.Dispose(); return; }
        await Signals.StopAsync(_process, TimeSpan.FromSeconds(10));
        _process.Dispose();
    }

    /// <summary>Azurite's command-line arguments: loopback only, telemetry off, data in a folder or in memory.</summary>
    internal static List<string> Arguments(int blobPort, int queuePort, int tablePort, string? dataFolder)
    {
        List<string> arguments = ["--silent", "--skipApiVersionCheck", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--blobPort", $"{blobPort}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{queuePort}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{tablePort}"];
        if (dataFolder is null) arguments.Add("--inMemoryPersistence");
        else
        {
            Directory.CreateDirectory(dataFolder);
            arguments.AddRange(["--location", dataFolder]);
        }
        return arguments;
    }

    /// <summary>The path of azurite.js in <paramref name="root"/>'s node_modules, running <c>npm ci</c> first when it is missing.</summary>
    internal static async Task<string> ScriptAsync(string root, Action<string> say, CancellationToken ct)
    {
        var script = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (File.Exists(script)) return script;
        say("Installing Azurite (npm ci)...");
        await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], root, ct);
        if (!File.Exists(script)) throw new AzuriteException($"npm ci did not install Azurite at {script}.");
        return script;
    }

    /// <summary>Waits up to 90 s (a cold Node on a loaded machine can take tens of seconds) for every port to accept connections; <paramref name="failure"/> says why to give up early.</summary>
    internal static async Task WaitForPortsAsync(int[] ports, Func<string?> failure, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!ports.All(IsListening))
        {
            if (failure() is { } reason) throw new AzuriteException(reason);
            if (DateTime.UtcNow > deadline) throw new AzuriteException($"Azurite did not listen on ports {string.Join(", ", ports)} within 90 s.");
            await Task.Delay(100, ct);
        }
    }

    internal static string Node()
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

    internal static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(System.Net.IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((System.Net.IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
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
