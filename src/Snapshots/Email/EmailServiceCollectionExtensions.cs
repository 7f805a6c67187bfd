using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Snapshots.Email;

/// <summary>
/// Email composition, delivery records and the transport. The transport is chosen by configuration:
/// <c>SendGrid:ApiKey</c> set → <see cref="SendGridEmailSender"/>, otherwise → <see cref="OutboxEmailSender"/> in <c>Outbox:Path</c>.
/// </summary>
public static class EmailServiceCollectionExtensions
{
    public static IServiceCollection AddSnapshotsEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => SendGridOptions.From(configuration));
        services.AddSingleton(_ => OutboxOptions.From(configuration));
        services.AddSingleton(_ => EmailDeliveryOptions.From(configuration));
        services.AddSingleton(EmailTemplates.Default);
        services.AddSingleton<AlertRenderer>();
        services.AddSingleton<AlertComposer>();
        services.AddSingleton<DigestComposer>();
        services.AddSingleton<DeliveryLedger>();
        services.TryAddSingleton<IDigestSource, DigestBuilderSource>();
        services.AddSingleton<OutboxEmailSender>();
        services.AddSingleton<IEmailSender>(provider =>
        {
            var options = provider.GetRequiredService<SendGridOptions>();
            return options.HasApiKey
                ? new SendGridEmailSender(options, provider.GetRequiredService<ILogger<SendGridEmailSender>>())
                : provider.GetRequiredService<OutboxEmailSender>();
        });
        return services;
    }
}
