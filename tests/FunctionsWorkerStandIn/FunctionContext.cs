namespace Microsoft.Azure.Functions.Worker;

/// <summary>
/// Stand-in: one function invocation. Only a subset of the real members (the real class also has
/// TraceContext, FunctionDefinition and Features, whose types are not repeated here).
/// </summary>
public abstract class FunctionContext
{
    public abstract string InvocationId { get; }

    public abstract string FunctionId { get; }

    public abstract BindingContext BindingContext { get; }

    public abstract IServiceProvider InstanceServices { get; set; }

    public abstract IDictionary<object, object> Items { get; set; }

    public virtual CancellationToken CancellationToken { get; } = CancellationToken.None;
}
