using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Snapshots.Functions;

namespace Snapshots.IntegrationTests.Functions;

public sealed class ApplicationInsightsLoggingTests
{
    [Fact]
    public void The_worker_service_drops_information_logs_until_the_app_removes_its_rule()
    {
        static IReadOnlyList<LoggerFilterRule> Rules(bool keepInformation)
        {
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddApplicationInsightsTelemetryWorkerService().ConfigureFunctionsApplicationInsights();
            if (keepInformation) services.KeepInformationLogs();
            using var provider = services.BuildServiceProvider();
            return provider.GetRequiredService<IOptions<LoggerFilterOptions>>().Value.Rules.ToList();
        }

        var defaults = Rules(keepInformation: false);
        Assert.Contains(defaults, r => r.ProviderName == InformationLogsInApplicationInsights.ProviderName && r.LogLevel == LogLevel.Warning);

        var app = Rules(keepInformation: true);
        Assert.DoesNotContain(app, r => r.ProviderName == InformationLogsInApplicationInsights.ProviderName);
    }
}
