namespace Snapshots.Messaging;

/// <summary>What becomes of a parked message (one in a <c>{queue}-poison</c> queue).</summary>
public enum ParkedState
{
    /// <summary>It goes back to its queue at <see cref="ParkedMessage.DueAt"/> (the backoff of <see cref="RedrivePolicy"/>).</summary>
    Waiting,
    /// <summary>It went back to its queue on this pass.</summary>
    Redriven,
    /// <summary>It had every re-drive it gets and stays parked for good (an operator may still re-drive it with force).</summary>
    Exhausted,
    /// <summary>It can never be processed as written (not base64, not the queue's message contract): never re-driven.</summary>
    Unreadable,
}

/// <summary>One message of a poison queue as a re-drive pass or a look at the queue saw it.</summary>
/// <param name="Text">The message text (JSON), null when it could not be decoded.</param>
/// <param name="Redrives">Re-drives before this pass (<see cref="RedriveCount"/>).</param>
/// <param name="ParkedAt">When it was put on the poison queue (the last time).</param>
/// <param name="Problem">Why an <see cref="ParkedState.Unreadable"/> message can never be processed.</param>
public sealed record ParkedMessage(string Queue, string MessageId, string? Text, int Redrives, DateTimeOffset? ParkedAt, ParkedState State, DateTimeOffset? DueAt, string? Problem = null);

/// <summary>How a re-drive pass may treat parked messages.</summary>
public enum RedriveMode
{
    /// <summary>Only those whose backoff has passed, within the bound (the timers).</summary>
    WhenDue,
    /// <summary>Every one within the bound, now (by hand, once the operator knows the outage is over).</summary>
    Now,
    /// <summary>Every readable one, the exhausted ones too (by hand, with force).</summary>
    NowIncludingExhausted,
}

/// <summary>What one pass over a poison queue did, or what a look at it saw.</summary>
/// <param name="Approximate">The service's approximate count of the poison queue before the pass.</param>
public sealed record ParkedReport(string Queue, long Approximate, IReadOnlyList<ParkedMessage> Messages)
{
    public int Redriven => Count(ParkedState.Redriven);
    public int Waiting => Count(ParkedState.Waiting);
    public int Exhausted => Count(ParkedState.Exhausted);
    public int Unreadable => Count(ParkedState.Unreadable);

    private int Count(ParkedState state) => Messages.Count(m => m.State == state);
}
