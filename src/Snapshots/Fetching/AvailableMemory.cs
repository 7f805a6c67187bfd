namespace Snapshots.Fetching;

/// <summary>The memory the machine has available for another browser page: Linux's MemAvailable, null where it cannot be read.</summary>
internal static class AvailableMemory
{
    public static long? Bytes()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/meminfo"))
                if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { }
        return null;
    }
}
