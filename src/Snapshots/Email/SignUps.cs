using Microsoft.Extensions.Logging;
using Snapshots.Catalog;
using Snapshots.Messaging;
using Snapshots.Storage;
using Snapshots.Subscribers;

namespace Snapshots.Email;

/// <summary>
/// Self-service sign-up with double opt-in: the request is checked (address, plan, platforms, provisions and clause types that
/// exist, within the plan's limit with a provision counting as its platform), recorded
/// without following anything, and answered by email through the emails queue: a confirmation link (<see cref="ConfirmEmail"/>),
/// or for an address that already subscribes its manage link (<see cref="AccountEmail"/>); an address that unsubscribed gets
/// nothing (suppression holds against sign-ups made by others; its owner comes back through the manage page). The caller answers the visitor the
/// same way in every case. It lives with the emails because it sends two of them; the subscriber records are <see cref="SubscriberDirectory"/>'s.
/// </summary>
public sealed class SignUps(SubscriberDirectory directory, DocumentCatalog catalog, SubscriberLinks links, QueuePublisher publisher, TimeProvider clock, ILogger<SignUps> log)
{
    public const int MaxRequestsPerAddress = 3;
    public static readonly TimeSpan AddressWindow = TimeSpan.FromHours(1);

    /// <summary>
    /// Checks the form: the platforms ticked and the follow words (<see cref="FollowWords"/>: provisions, clause types). Throws
    /// <see cref="SubscriberRefusedException"/> or <see cref="UnknownPlanException"/> naming the problem; nothing is written.
    /// </summary>
    public async Task<NewSubscriber> ValidateAsync(string email, string plan, IEnumerable<string> platforms, IEnumerable<string?> follows, bool alerts, bool digest,
        CancellationToken ct = default)
    {
        var more = FollowWords.Read(follows);
        var validated = NewSubscriber.Validate(email, plan, platforms, more, alerts, digest, await FollowedPlatforms.KnownAsync(catalog, ct));
        if (validated.Follows.ClauseTypesWithoutPlatform is { Count: > 0 } idle) throw new ClauseTypeWithoutPlatformException(idle);
        if (validated.Follows.IsEmpty) throw new NoPlatformChosenException();
        await directory.EnsureExistAsync(validated.Follows, ct);
        return validated;
    }

    public async Task<SignUpAction> RequestAsync(NewSubscriber subscriber, CancellationToken ct = default)
    {
        var request = await directory.RequestSignUpAsync(subscriber, MaxRequestsPerAddress, AddressWindow, ct);
        var now = clock.GetUtcNow();
        switch (request.Action)
        {
            case SignUpAction.Confirm:
                await publisher.SendAsync(QueueNames.Emails, ConfirmEmail.Request(request.SubscriberId, request.Nonce!, now), ct: ct);
                break;
            case SignUpAction.SendManageLink:
                await publisher.SendAsync(QueueNames.Emails, AccountEmail.Request(request.SubscriberId, now), ct: ct);
                break;
        }
        log.LogInformation("Sign-up request for {Subscriber}: {Action}", subscriber.Address, request.Action);
        return request.Action;
    }

    /// <summary>Opens a confirmation link: the subscriber when it was valid and current (it then stops working), else null.</summary>
    public async Task<SubscriberRecord?> ConfirmAsync(string? token, CancellationToken ct = default) =>
        await links.ReadAsync(token, SubscriberLinks.ConfirmPurpose, ct) is { } read
            ? await directory.ConfirmSignUpAsync(read.Subject, read.Nonce, ct)
            : null;

    /// <summary>One-click unsubscribe: true when the token was valid (the subscriber, if any, gets no more mail).</summary>
    public async Task<bool> UnsubscribeAsync(string? token, CancellationToken ct = default)
    {
        if (await links.ReadAsync(token, SubscriberLinks.UnsubscribePurpose, ct) is not { } read) return false;
        await directory.SuppressAsync(read.Subject, ct);
        return true;
    }
}
