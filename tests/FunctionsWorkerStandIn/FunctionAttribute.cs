namespace Microsoft.Azure.Functions.Worker;

/// <summary>Stand-in: marks a method as a function and names it.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public class FunctionAttribute : Attribute
{
    public FunctionAttribute(string name) => Name = name;

    public string Name { get; }
}
