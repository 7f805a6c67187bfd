using Snapshots.Text;
using Snapshots.Catalog;
using Snapshots.Messaging;
using Snapshots.Storage;
using Snapshots.Subscribers;

namespace Snapshots.Email;

/// <summary>
/// The same-day alert of a follower who follows provisions of a document (by provision, or by clause type) rather than its
/// whole platform: it names the changed provisions the follower follows (<see cref="EmailRequest.Provisions"/>, by slug) in
/// its subject and first line and quotes each one before and after. Keyed
/// <c>provision-alert:{documentId}:{sha256}:{hash of the slugs}</c>: one per version and set of provisions, composed once for
/// every follower of that set (<see cref="VersionAlerts"/>). Wanted while alerts are on.
/// </summary>
internal sealed class ProvisionAlertEmail(VersionAlerts versions, ProvisionAlertComposer composer) : IEmailKind
{
    public const string Kind = "provision-alert";

    public string Name => Kind;

    public bool ReachesSuppressed => false;

    public static string KeyFor(string documentId, string sha256, IReadOnlyList<string> provisions) =>
        MessageKeys.Of(Kind, $"{documentId}:{sha256}:{SetHash(provisions)}");

    public static EmailRequest Request(string subscriberId, string documentId, string sha256, long sequence, IReadOnlyList<string> provisions, DateTimeOffset requestedAt)
    {
        var slugs = provisions.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new(EmailRequest.CurrentVersion, Kind, subscriberId, KeyFor(documentId, sha256, slugs), DocumentId: documentId, Sequence: sequence,
            RequestedAt: requestedAt, Provisions: slugs);
    }

    public bool IsWantedBy(SubscriberRecord subscriber) => subscriber.AlertsEnabled;

    public void Validate(EmailRequest request)
    {
        MessageKeys.RequireKind(request, Kind);
        if (!DocumentId.TryParse(request.DocumentId, out _) || request.Sequence is not > 0)
            throw new MalformedMessageException(QueueNames.Emails, $"{Kind} {request.MessageKey} needs a document id and a version sequence");
        if (request.Provisions is not { Count: > 0 } slugs || slugs.Any(s => !Slug.IsValid(s)))
            throw new MalformedMessageException(QueueNames.Emails, $"{Kind} {request.MessageKey} needs the slugs of the provisions it tells of");
        if (!request.MessageKey.EndsWith(":" + SetHash(slugs), StringComparison.Ordinal))
            throw new MalformedMessageException(QueueNames.Emails, $"{Kind} {request.MessageKey} does not end with the hash of its provisions");
    }

    public async Task<EmailDraft> ComposeAsync(EmailRequest request, SubscriberRecord subscriber, CancellationToken ct = default)
    {
        var id = DocumentId.Parse(request.DocumentId!);
        var sequence = request.Sequence!.Value;
        var forFollowers = await versions.GetAsync(id, sequence, request.MessageKey, token => composer.ComposeAsync(id, sequence, request.Provisions!, token), ct);
        return new EmailDraft(forFollowers.WithPlanNote(PlanNote.For(subscriber.Plan)));
    }

    public Task SentAsync(SubscriberRecord subscriber, EmailDraft draft, CancellationToken ct = default) => Task.CompletedTask;

    /// <summary>The first 12 hex digits of the SHA-256 of the sorted slugs, one per line.</summary>
    private static string SetHash(IReadOnlyList<string> provisions) =>
        Sha256Hex.Of(string.Join('\n', provisions.Order(StringComparer.Ordinal)))[..12];
}
