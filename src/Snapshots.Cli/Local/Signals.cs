using System.Diagnostics;

namespace Snapshots.Cli.Local;

/// <summary>POSIX signals the runtime does not send for us: Process.Kill is SIGKILL, which gives Azurite no chance to save its data.</summary>
internal static class Signals
{
    /// <summary>Sends SIGINT with the system's <c>kill</c>; returns its exit code (0 when the signal was sent).</summary>
    public static int Interrupt(int processId)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-INT", processId.ToString()]) { UseShellExecute = false });
        if (kill is null) return -1;
        kill.WaitForExit();
        return kill.ExitCode;
    }
}
