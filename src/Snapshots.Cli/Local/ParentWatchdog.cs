namespace Snapshots.Cli.Local;

/// <summary>
/// A Node.js preload script that ends the Node process (Azurite) when the process that started it is gone, even if that
/// process was killed with SIGKILL and had no chance to stop it: Linux has no portable parent-death signal for a child
/// started by .NET's Process, so the child watches its parent's id once a second.
/// </summary>
internal static class ParentWatchdog
{
    /// <summary>The environment variable that names the process id to watch.</summary>
    public const string WatchedProcessVariable = "SNAPSHOTS_WATCHED_PID";

    private const string Script = """
        // Ends this Node process when the process named by SNAPSHOTS_WATCHED_PID no longer exists (see ParentWatchdog.cs).
        const watched = Number(process.env.SNAPSHOTS_WATCHED_PID);
        if (watched > 0) {
          setInterval(() => {
            try { process.kill(watched, 0); }
            catch (e) {
                if (e.code === 'ESRCH') { process.kill(process.pid, 'SIGINT'); setTimeout(() => process.exit(0), 5000); }
              }
          }, 1000).unref();
        }
        """;

    /// <summary>Writes the script (once per content) to the temporary folder and returns its path, for <c>node --require</c>.</summary>
    public static string ScriptPath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"snapshots-parent-watchdog-{Text.Sha256Hex.Of(Script)[..12]}.js");
        if (File.Exists(path)) return path;
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, Script);
        File.Move(temporary, path, overwrite: true);
        return path;
    }
}
