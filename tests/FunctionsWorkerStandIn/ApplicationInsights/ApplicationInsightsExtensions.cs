namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Stand-in for Microsoft.ApplicationInsights.WorkerService: registers nothing.</summary>
public static class ApplicationInsightsExtensions
{
    public static IServiceCollection AddApplicationInsightsTelemetryWorkerService(this IServiceCollection services) => services;
}
