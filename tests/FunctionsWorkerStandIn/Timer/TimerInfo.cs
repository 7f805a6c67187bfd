namespace Microsoft.Azure.Functions.Worker;

/// <summary>Stand-in: what a timer trigger receives.</summary>
public class TimerInfo
{
    public ScheduleStatus? ScheduleStatus { get; set; }

    public bool IsPastDue { get; set; }
}
