namespace Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

/// <summary>Stand-in: base of every binding attribute.</summary>
[AttributeUsage(AttributeTargets.Method)]
public abstract class BindingAttribute : Attribute
{
}
