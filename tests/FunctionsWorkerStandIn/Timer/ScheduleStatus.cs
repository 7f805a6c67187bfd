namespace Microsoft.Azure.Functions.Worker;

/// <summary>Stand-in: the monitored occurrences of a timer schedule.</summary>
public class ScheduleStatus
{
    public DateTime Last { get; set; }

    public DateTime Next { get; set; }

    public DateTime LastUpdated { get; set; }
}
