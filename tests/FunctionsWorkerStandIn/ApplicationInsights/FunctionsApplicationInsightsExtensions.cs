using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>Stand-in for Microsoft.Azure.Functions.Worker.ApplicationInsights: registers nothing.</summary>
public static class FunctionsApplicationInsightsExtensions
{
    public static IServiceCollection ConfigureFunctionsApplicationInsights(this IServiceCollection services) => services;
}
