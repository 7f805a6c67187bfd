using Snapshots.Subscribers;

namespace Snapshots.Web.Subscriptions;

/// <summary>The subscriber a manage link's token names: the manage page, the channels page and the channels API all ask this.</summary>
public static class ManagedSubscriber
{
    /// <summary>The subscriber, or null for a token that is missing, forged, expired, of another purpose or of no subscriber.</summary>
    public static async Task<SubscriberRecord?> FindAsync(string? token, SubscriberLinks links, SubscriberDirectory directory, CancellationToken ct)
    {
        var read = await links.ReadAsync(token, SubscriberLinks.ManagePurpose, ct);
        return read is null ? null : await directory.FindByIdAsync(read.Subject, ct);
    }
}
