namespace Snapshots.Benchmarks.EndToEnd;

/// <summary>The 1, 5 and 15 minute load averages (Linux <c>/proc/loadavg</c>), to judge how quiet the machine was.</summary>
public static class MachineLoad
{
    public static string Read()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{fields[0]}, {fields[1]}, {fields[2]}";
        }
        catch (IOException) { return "unknown"; }
        catch (UnauthorizedAccessException) { return "unknown"; }
    }
}
