using System.Diagnostics;

namespace Snapshots.Cli.Local;

/// <summary>
/// The command's own Azurite for <c>UseDevelopmentStorage=true</c>: started once in the background on the standard ports
/// 10000–10002 with its data in the repository's <c>.azurite/</c>, left running between commands (so a command after the
/// first starts in well under a second), and stopped by <c>snapshots azurite stop</c>. Its process id is kept in
/// <c>.azurite/azurite.pid</c>; an Azurite that something else started on those ports is used and never stopped.
/// </summary>
public sealed class BackgroundAzurite(string dataFolder, int blobPort = 10000, int queuePort = 10001, int tablePort = 10002)
{
    public string DataFolder { get; } = dataFolder;
    public int[] Ports { get; } = [blobPort, queuePort, tablePort];
    public string PidFile => Path.Combine(DataFolder, "azurite.pid");
    public string LogFile => Path.Combine(DataFolder, "azurite.log");

    /// <summary>The repository's: <c>.azurite/</c> under the repository root, on the standard ports.</summary>
    public static BackgroundAzurite ForRepository() =>
        new(Path.Combine(RepositoryRoot.Find() ?? throw new AzuriteException(
            "cannot find the repository's package.json to start Azurite from: run from inside the repository, or start Azurite yourself (npx azurite)."), ".azurite"));

    /// <summary>Starts Azurite unless all its ports already answer; says so once when it starts one.</summary>
    /// <returns>True when this call started it.</returns>
    public async Task<bool> EnsureRunningAsync(Action<string> say, CancellationToken ct = default)
    {
        if (Ports.All(AzuriteLauncher.IsListening)) return false;
        if (Ports.Any(AzuriteLauncher.IsListening))
            throw new AzuriteException($"only some of the Azurite ports ({string.Join(", ", Ports)}) are in use: stop whatever holds them (see README, Troubleshooting) or start Azurite yourself.");
        var root = RepositoryRoot.Find() ?? Path.GetDirectoryName(DataFolder)!;
        var script = await AzuriteLauncher.ScriptAsync(root, say, ct);
        Directory.CreateDirectory(DataFolder);

        // sh redirects Azurite's output to its log (so it holds no pipe of this command's) and setsid puts it in a session of
        // its own (so Ctrl+C on a command does not reach it); both exec, so the process id is Node's.
        var start = new ProcessStartInfo("sh", ["-c", """
            if command -v setsid >/dev/null 2>&1; then exec setsid "$0" "$@" >>"$AZURITE_LOG" 2>&1 </dev/null; fi
            exec "$0" "$@" >>"$AZURITE_LOG" 2>&1 </dev/null
            """, AzuriteLauncher.Node(), script, .. AzuriteLauncher.Arguments(Ports[0], Ports[1], Ports[2], DataFolder)])
        { UseShellExecute = false };
        start.Environment["AZURITE_LOG"] = LogFile;
        using var process = Process.Start(start) ?? throw new AzuriteException("could not start node.");
        await AzuriteLauncher.WaitForPortsAsync(Ports, () => process.HasExited ? $"Azurite exited at start with code {process.ExitCode}; see {LogFile}." : null, ct);
        await File.WriteAllTextAsync(PidFile, process.Id.ToString(), ct);
        say($"Started Azurite in the background (data in {DataFolder}); it keeps running between commands until `snapshots azurite stop`.");
        return true;
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

    /// <summary>Stops the Azurite this class started (SIGINT, so it saves its data; SIGKILL after 10 s).</summary>
    /// <returns>The process id it stopped, or null when none of its own was running.</returns>
    public async Task<int?> StopAsync()
    {
        var pid = RunningProcessId();
        if (pid is { } id && !await Signals.StopAsync(id, TimeSpan.FromSeconds(10)))
            throw new AzuriteException($"Azurite (process {id}) did not stop.");
        if (File.Exists(PidFile)) File.Delete(PidFile);
        return pid;
    }
}
