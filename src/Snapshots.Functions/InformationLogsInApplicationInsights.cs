using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Snapshots.Functions;

/// <summary>
/// The Application Insights worker service adds a logging rule that sends only Warning and above to Application Insights.
/// The handlers log what they did at Information ("Change X version 3: 2 alerts for 5 followers"), so that rule is removed,
/// as the Functions worker samples do; host.json and app settings still decide the levels.
/// </summary>
public static class InformationLogsInApplicationInsights
{
    public const string ProviderName = "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider";

    public static IServiceCollection KeepInformationLogs(this IServiceCollection services) =>
        services.Configure<LoggerFilterOptions>(options =>
        {
            var rule = options.Rules.FirstOrDefault(r => r.ProviderName == ProviderName);
            if (rule is not null) options.Rules.Remove(rule);
        });
}
