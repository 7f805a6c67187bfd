namespace Microsoft.Azure.Functions.Worker;

/// <summary>Stand-in: the trigger metadata of an invocation (for a queue message: Id, DequeueCount, ...).</summary>
public abstract class BindingContext
{
    public abstract IReadOnlyDictionary<string, object?> BindingData { get; }
}
