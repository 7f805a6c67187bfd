using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Snapshots.Fetching;
using Snapshots.Storage;
using Snapshots.Subscribers;

namespace Snapshots.Channels;

/// <summary>
/// The <c>channels</c> table: a subscriber's delivery channels. Adding one checks the plan (only plans with
/// <see cref="Plan.DeliveryChannels"/>), the kind, the URL and its addresses (<see cref="ChannelTarget"/>) before anything is
/// written, and creates a webhook's signing secret, returned once in <see cref="AddedChannel"/>. Every update is ETag-conditional.
/// </summary>
public sealed class ChannelDirectory(StorageClients storage, SubscriberDirectory subscribers, IOptions<FetchOptions> fetch, ChannelOptions options, TimeProvider clock)
{
    private readonly TableClient _table = storage.Channels;

    /// <summary>Adds a channel for the subscriber with this address or id; refused (nothing written) as <see cref="ChannelRefusedException"/> or a subscriber refusal.</summary>
    public async Task<AddedChannel> AddAsync(string emailOrId, string kind, string url, string? label = null, CancellationToken ct = default)
    {
        var subscriber = await subscribers.GetAsync(emailOrId, ct);
        var plan = Plans.TryFind(subscriber.Plan);
        if (plan is not { DeliveryChannels: true })
            throw new ChannelRefusedException($"the {subscriber.Plan} plan has no delivery channels: webhooks, Slack and Teams come with the " +
                                              $"{string.Join(" and ", Plans.All.Where(p => p.DeliveryChannels).Select(p => p.Name))} plans");
        var channelKind = ChannelKind.Parse(kind);
        var target = ChannelTarget.Parse(url);
        var name = (label ?? "").Trim();
        if (name.Length > 80 || Text.VisibleText.HasControlCharacters(name))
            throw new ChannelRefusedException("a channel's name has at most 80 characters and no control characters");
        await ChannelTarget.EnsureAllowedAsync(target, fetch.Value.AddressPolicy(), ct);
        var existing = await ListAsync(subscriber.SubscriberId, ct);
        if (existing.Count >= options.MaxChannelsPerSubscriber)
            throw new ChannelRefusedException($"a subscriber has at most {options.MaxChannelsPerSubscriber} channels; remove one first");

        var row = new ChannelRecord
        {
            PartitionKey = subscriber.SubscriberId,
            RowKey = "ch_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            Kind = channelKind,
            Url = target.OriginalString,
            Label = name,
            Secret = channelKind == ChannelKind.Webhook ? NewSecret() : "",
            CreatedAt = clock.GetUtcNow(),
        };
        if (!await _table.TryAddAsync(row, ct)) throw new InvalidOperationException($"channel id {row.RowKey} exists already; add it again");
        return new AddedChannel(subscriber, row);
    }

    /// <summary>The subscriber's channels, oldest first.</summary>
    public async Task<IReadOnlyList<ChannelRecord>> ListAsync(string subscriberId, CancellationToken ct = default)
    {
        var rows = new List<ChannelRecord>();
        await foreach (var row in _table.QueryAsync<ChannelRecord>(r => r.PartitionKey == subscriberId, cancellationToken: ct)) rows.Add(row);
        return rows.OrderBy(r => r.CreatedAt).ThenBy(r => r.RowKey, StringComparer.Ordinal).ToList();
    }

    public async Task<ChannelRecord?> FindAsync(string subscriberId, string channelId, CancellationToken ct = default)
    {
        if (!IsChannelId(channelId)) return null;
        var found = await _table.GetEntityIfExistsAsync<ChannelRecord>(subscriberId, channelId, cancellationToken: ct);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>The channel, or a refusal naming the channels the subscriber has.</summary>
    public async Task<ChannelRecord> GetAsync(string subscriberId, string channelId, CancellationToken ct = default) =>
        await FindAsync(subscriberId, channelId.Trim(), ct) ?? throw new ChannelRefusedException(
            $"no channel '{Text.VisibleText.Bounded(channelId, 40)}' for this subscriber; its channels: " +
            $"{(await ListAsync(subscriberId, ct)) switch { { Count: 0 } => "none", var list => string.Join(", ", list.Select(c => c.ChannelId)) }}");

    /// <summary>Removes the channel; false when it was not there.</summary>
    public async Task<bool> RemoveAsync(string subscriberId, string channelId, CancellationToken ct = default)
    {
        if (!IsChannelId(channelId)) return false;
        // The Tables client answers a delete of a missing entity without throwing; its status says whether there was one.
        var response = await _table.DeleteEntityAsync(subscriberId, channelId, ETag.All, ct);
        return response.Status != 404;
    }

    /// <summary>A delivery reached the channel: its failures in a row start again from zero.</summary>
    public Task RecordDeliveredAsync(string subscriberId, string channelId, CancellationToken ct = default) =>
        UpdateAsync(subscriberId, channelId, row =>
        {
            row.ConsecutiveFailures = 0;
            row.LastDeliveredAt = clock.GetUtcNow();
            return true;
        }, ct);

    /// <summary>
    /// A delivery failed for good; after <see cref="ChannelOptions.DisableAfterFailures"/> in a row the channel is disabled.
    /// Returns the row when this call disabled it (the caller tells its owner), else null.
    /// </summary>
    public async Task<ChannelRecord?> RecordFailedAsync(string subscriberId, string channelId, string error, CancellationToken ct = default)
    {
        var disabledNow = false;
        var row = await UpdateAsync(subscriberId, channelId, row =>
        {
            disabledNow = false;
            row.ConsecutiveFailures++;
            row.LastError = Text.VisibleText.Bounded(error, 500);
            row.LastFailedAt = clock.GetUtcNow();
            if (row.Enabled && row.ConsecutiveFailures >= options.DisableAfterFailures)
            {
                row.DisabledAt = row.LastFailedAt;
                row.DisabledReason = $"{row.ConsecutiveFailures} deliveries in a row failed; the last: {row.LastError}";
                disabledNow = true;
            }
            return true;
        }, ct);
        return disabledNow ? row : null;
    }

    private async Task<ChannelRecord?> UpdateAsync(string subscriberId, string channelId, Func<ChannelRecord, bool> change, CancellationToken ct)
    {
        for (var tries = 0; tries < 10; tries++)
        {
            if (await FindAsync(subscriberId, channelId, ct) is not { } row) return null; // removed meanwhile
            if (!change(row)) return row;
            try
            {
                var response = await _table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, ct);
                row.ETag = response.Headers.ETag ?? row.ETag;
                return row;
            }
            catch (RequestFailedException e) when (e.Status is 412 or 404) { }
        }
        throw new InvalidOperationException($"channel {channelId} kept changing under this update");
    }

    /// <summary><c>ch_</c> and 16 lower-case hex digits.</summary>
    public static bool IsChannelId(string? id) =>
        id is { Length: 19 } && id.StartsWith("ch_", StringComparison.Ordinal) && id.AsSpan(3).IndexOfAnyExcept("0123456789abcdef") < 0;

    /// <summary>A Standard Webhooks secret: <c>whsec_</c> and 32 random bytes in base64.</summary>
    private static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}

/// <summary>A channel just added, with its secret: the one time the secret is shown.</summary>
public sealed record AddedChannel(SubscriberRecord Subscriber, ChannelRecord Channel)
{
    public string? Secret => string.IsNullOrEmpty(Channel.Secret) ? null : Channel.Secret;
}
