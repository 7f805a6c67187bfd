namespace Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

/// <summary>Stand-in: base of every trigger attribute.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public abstract class TriggerBindingAttribute : BindingAttribute
{
}
