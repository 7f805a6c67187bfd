using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Snapshots.Email;

namespace Snapshots.Channels;

/// <summary>Delivery channels: the directory, the events, the sender, the fan-out and the channel-disabled email kind.</summary>
public static class ChannelsServiceCollectionExtensions
{
    public static IServiceCollection AddSnapshotsChannels(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => ChannelOptions.From(configuration));
        services.AddSingleton<ChannelDirectory>();
        services.AddSingleton<ChannelEvents>();
        services.AddSingleton<ChannelSender>();
        services.AddSingleton<ChannelFanOut>();
        services.AddSingleton<ChannelTest>();
        services.AddSingleton<IEmailKind, ChannelDisabledEmail>();
        return services;
    }
}
