using System.Diagnostics;

namespace Snapshots.Cli.Local;

/// <summary>
/// A home's own Azurite, used when <c>AzureWebJobsStorage</c> is not configured: started once in the background on free
/// loopback ports with its data in the home's <c>azurite/</c>, left running between commands (so a command after the first
/// starts in well under a second), and stopped by <c>snapshots azurite stop</c>. Its process id and ports are recorded in
/// <c>azurite.pid</c> and <c>azurite.ports</c>: the ports are reused while that Azurite lives and chosen anew when it is
/// gone, so two homes never share a store.
/// </summary>
public sealed class BackgroundAzurite(string dataFolder)
{
    /// <summary>The account of Azurite's well-known development key.</summary>
    public const string Account = "devstoreaccount1";

    public string DataFolder { get; } = dataFolder;
    public string PidFile => Path.Combine(DataFolder, "azurite.pid");
    public string PortsFile => Path.Combine(DataFolder, "azurite.ports");
    public string LogFile => Path.Combine(DataFolder, "azurite.log");
    private string LockFile => Path.Combine(DataFolder, "azurite.lock");

    /// <summary>The home's.</summary>
    public static BackgroundAzurite For(SnapshotsHome home) => new(home.AzuriteFolder);

    /// <summary>The blob, queue and table ports of the running Azurite, or null when it is not running.</summary>
    public int[]? RunningPorts()
    {
        if (RunningProcessId() is null || !File.Exists(PortsFile)) return null;
        var ports = File.ReadAllText(PortsFile).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => int.TryParse(p, out var n) ? n : 0).ToArray();
        return ports.Length == 3 && ports.All(p => p > 0) && ports.All(AzuriteLauncher.IsListening) ? ports : null;
    }

    /// <summary>A connection string to the development account on these ports.</summary>
    public static string ConnectionString(int[] ports) =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={AzuriteLauncher.DevelopmentKey};" +
        $"BlobEndpoint=http://127.0.0.1:{ports[0]}/{Account};QueueEndpoint=http://127.0.0.1:{ports[1]}/{Account};TableEndpoint=http://127.0.0.1:{ports[2]}/{Account};";

    /// <summary>Starts this home's Azurite unless it is running; says so once when it starts one.</summary>
    /// <returns>Its connection string.</returns>
    public async Task<string> EnsureRunningAsync(SnapshotsHome home, Action<string> say, CancellationToken ct = default)
    {
        if (RunningPorts() is { } running) return ConnectionString(running);
        Directory.CreateDirectory(DataFolder);
        // Two commands started at once in one home start one Azurite: the second waits here, then finds it running.
        await using var held = await HoldLockAsync(ct);
        if (RunningPorts() is { } started) return ConnectionString(started);
        var script = await AzuritePackage.ScriptAsync(home, say, ct);
        var ports = AzuriteLauncher.FreePorts(3);

        // sh redirects Azurite's output to its log (so it holds no pipe of this command's) and setsid puts it in a session of
        // its own (so Ctrl+C on a command does not reach it); both exec, so the process id is Node's.
        var start = new ProcessStartInfo("sh", ["-c", """
            if command -v setsid >/dev/null 2>&1; then exec setsid "$0" "$@" >>"$AZURITE_LOG" 2>&1 </dev/null; fi
            exec "$0" "$@" >>"$AZURITE_LOG" 2>&1 </dev/null
            """, AzuriteLauncher.Node(), script, .. AzuriteLauncher.Arguments(ports[0], ports[1], ports[2], DataFolder)])
        { UseShellExecute = false };
        start.Environment["AZURITE_LOG"] = LogFile;
        using var process = Process.Start(start) ?? throw new AzuriteException("could not start node.");
        await AzuriteLauncher.WaitForPortsAsync(ports, () => process.HasExited ? $"Azurite exited at start with code {process.ExitCode}; see {LogFile}." : null, ct);
        await File.WriteAllTextAsync(PortsFile, string.Join(' ', ports), ct);
        await File.WriteAllTextAsync(PidFile, process.Id.ToString(), ct);
        say($"Started this home's Azurite in the background on ports {string.Join(", ", ports)} (data in {DataFolder}); it keeps running between commands until `snapshots azurite stop`.");
        return ConnectionString(ports);
    }

    /// <summary>The process id of the Azurite this class started, when it is still running.</summary>
    public int? RunningProcessId()
    {
        if (!File.Exists(PidFile) || !int.TryParse(File.ReadAllText(PidFile).Trim(), out var pid)) return null;
        if (!Signals.Exists(pid)) return null;
        var commandLine = $"/proc/{pid}/cmdline";
        if (File.Exists(commandLine) && !File.ReadAllText(commandLine).Contains("azurite", StringComparison.OrdinalIgnoreCase)) return null;
        return pid;
    }

    /// <summary>Stops this home's Azurite (SIGINT, so it saves its data; SIGKILL after 10 s).</summary>
    /// <returns>The process id it stopped, or null when none was running.</returns>
    public async Task<int?> StopAsync()
    {
        var pid = RunningProcessId();
        if (pid is { } id && !await Signals.StopAsync(id, TimeSpan.FromSeconds(10)))
            throw new AzuriteException($"Azurite (process {id}) did not stop.");
        if (File.Exists(PidFile)) File.Delete(PidFile);
        if (File.Exists(PortsFile)) File.Delete(PortsFile);
        return pid;
    }

    private async Task<FileStream> HoldLockAsync(CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            try { return new FileStream(LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
            catch (IOException) when (DateTime.UtcNow < deadline) { await Task.Delay(200, ct); }
        }
    }
}
