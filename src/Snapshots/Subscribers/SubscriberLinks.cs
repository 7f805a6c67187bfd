using Snapshots.Catalog;

namespace Snapshots.Subscribers;

/// <summary>
/// The links every email carries, on the public site (<see cref="PublicSite"/>), each with a signed token:
/// confirm a sign-up (single use, 2 days), manage a subscription (7 days), unsubscribe in one click (RFC 8058; 1 year, so an
/// old email still works).
/// </summary>
public sealed class SubscriberLinks(PublicSite site, SigningKey key, TimeProvider clock)
{
    public const string ConfirmPurpose = "confirm";
    public const string ManagePurpose = "manage";
    public const string UnsubscribePurpose = "unsubscribe";
    public const string ConfirmPath = "/subscribe/confirm";
    public const string ManagePath = "/subscription";
    public const string UnsubscribePath = "/unsubscribe";
    public static readonly TimeSpan ConfirmLifetime = TimeSpan.FromDays(2);
    public static readonly TimeSpan ManageLifetime = TimeSpan.FromDays(7);
    public static readonly TimeSpan UnsubscribeLifetime = TimeSpan.FromDays(366);

    public Task<Uri> ConfirmAsync(string subscriberId, string nonce, CancellationToken ct = default) =>
        LinkAsync(ConfirmPath, ConfirmPurpose, subscriberId, nonce, ConfirmLifetime, ct);

    public Task<Uri> ManageAsync(string subscriberId, CancellationToken ct = default) =>
        LinkAsync(ManagePath, ManagePurpose, subscriberId, SignedToken.NewNonce(), ManageLifetime, ct);

    public Task<Uri> UnsubscribeAsync(string subscriberId, CancellationToken ct = default) =>
        LinkAsync(UnsubscribePath, UnsubscribePurpose, subscriberId, "-", UnsubscribeLifetime, ct);

    /// <summary>The token of a link if it is valid for <paramref name="purpose"/> now; else null.</summary>
    public async Task<SignedToken?> ReadAsync(string? token, string purpose, CancellationToken ct = default) =>
        SignedToken.Read(token, purpose, await key.GetAsync(ct), clock.GetUtcNow());

    private async Task<Uri> LinkAsync(string path, string purpose, string subscriberId, string nonce, TimeSpan lifetime, CancellationToken ct)
    {
        var token = new SignedToken(purpose, subscriberId, nonce, clock.GetUtcNow().Add(lifetime)).Sign(await key.GetAsync(ct));
        return site.Url($"{path}?token={Uri.EscapeDataString(token)}");
    }
}
