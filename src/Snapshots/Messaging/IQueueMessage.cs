namespace Snapshots.Messaging;

/// <summary>A versioned queue message: <see cref="V"/> is the contract version the producer wrote.</summary>
public interface IQueueMessage
{
    int V { get; }
}
