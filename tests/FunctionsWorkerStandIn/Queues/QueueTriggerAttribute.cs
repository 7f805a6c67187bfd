using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>Stand-in: a Storage queue trigger.</summary>
public sealed class QueueTriggerAttribute : TriggerBindingAttribute
{
    private readonly string _queueName;

    public QueueTriggerAttribute(string queueName) => _queueName = queueName;

    public string QueueName => _queueName;

    /// <summary>The app setting (prefix) holding the storage connection; AzureWebJobsStorage when null.</summary>
    public string? Connection { get; set; }
}
