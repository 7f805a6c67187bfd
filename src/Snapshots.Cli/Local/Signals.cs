using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Snapshots.Cli.Local;

/// <summary>
/// POSIX signals the runtime does not send for us (Process.Kill is SIGKILL, which gives Azurite no chance to save its data),
/// through libc's <c>kill</c>.
/// </summary>
internal static class Signals
{
    private const int Interrupt = 2;
    private const int Kill = 9;

    /// <summary>True when a process with this id exists (signal 0 checks without sending anything).</summary>
    public static bool Exists(int processId) => !OperatingSystem.IsWindows() && (SendSignal(processId, 0) == 0 || Marshal.GetLastPInvokeError() == 1 /* EPERM: exists */);

    /// <summary>SIGINT, then SIGKILL if the process has not exited within <paramref name="grace"/>.</summary>
    public static async Task StopAsync(Process process, TimeSpan grace)
    {
        if (OperatingSystem.IsWindows() || SendSignal(process.Id, Interrupt) != 0) process.Kill(entireProcessTree: true);
        using var timeout = new CancellationTokenSource(grace);
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); await process.WaitForExitAsync(); }
    }

    /// <summary>SIGINT to a process that is not our child, then SIGKILL after <paramref name="grace"/>; true when it is gone.</summary>
    public static async Task<bool> StopAsync(int processId, TimeSpan grace)
    {
        if (!Exists(processId)) return true;
        SendSignal(processId, Interrupt);
        var deadline = DateTime.UtcNow + grace;
        while (DateTime.UtcNow < deadline)
        {
            if (!Exists(processId)) return true;
            await Task.Delay(100);
        }
        SendSignal(processId, Kill);
        await Task.Delay(200);
        return !Exists(processId);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int processId, int signal);
}
