namespace Microsoft.Azure.Functions.Worker.Builder;

/// <summary>Stand-in: the entry point of Program.cs.</summary>
public class FunctionsApplication
{
    public static FunctionsApplicationBuilder CreateBuilder(string[] args) => new(args);
}
