using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Snapshots.Email;

/// <summary>
/// The kinds of email, their composition, delivery records and the transport. The transport is chosen by configuration:
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
        services.AddSingleton<VersionAlerts>();
        services.AddSingleton<ProvisionAlertComposer>();
        services.AddSingleton(provider => new Subscribers.SigningKey(configuration[Subscribers.SigningKey.Setting], provider.GetRequiredService<Storage.StorageClients>()));
        services.AddSingleton<Subscribers.SubscriberLinks>();
        services.AddSingleton<SignUps>();
        services.AddSingleton<DigestComposer>();
        services.AddSingleton<DigestEmail>();
        services.AddSingleton<DeliveryLedger>();
        services.AddSingleton<OutboxEmailSender>();

        // The kinds of email the emails queue carries; an unknown kind is a malformed message naming these, in this order.
        services.AddSingleton<IEmailKind, AlertEmail>();
        services.AddSingleton<IEmailKind>(provider => provider.GetRequiredService<DigestEmail>());
        services.AddSingleton<IEmailKind, ConfirmEmail>();
        services.AddSingleton<IEmailKind, AccountEmail>();
        services.AddSingleton<IEmailKind, ProvisionAlertEmail>();
        services.AddSingleton(provider => new EmailKinds(provider.GetServices<IEmailKind>()));

        services.AddSingleton<IEmailSender>(provider =>
        {
            var options = provider.GetRequiredService<SendGridOptions>();
            return options.HasApiKey
                ? new SendGridEmailSender(options, provider.GetRequiredService<Subscribers.SubscriberLinks>(), provider.GetRequiredService<ILogger<SendGridEmailSender>>())
                : provider.GetRequiredService<OutboxEmailSender>();
        });
        return services;
    }
}
