using Snapshots.Catalog;
using Snapshots.Messaging;
using Snapshots.Storage;
using Snapshots.Subscribers;

namespace Snapshots.Email;

/// <summary>
/// The same-day alert of one new version of a followed document, keyed <c>alert:{documentId}:{sha256}</c> (the new text's hash),
/// so that a subscriber gets one alert per version however often the change is fanned out. Wanted while alerts are on.
/// The version's email is composed once for all its followers (<see cref="VersionAlerts"/>); each follower's copy only gets
/// its own plan note here, and its own links from the transport.
/// </summary>
internal sealed class AlertEmail(VersionAlerts versions) : IEmailKind
{
    public const string Kind = "alert";

    public string Name => Kind;

    public bool ReachesSuppressed => false;

    public static string KeyFor(string documentId, string sha256) => MessageKeys.Of(Kind, $"{documentId}:{sha256}");

    public static EmailRequest Request(string subscriberId, string documentId, string sha256, long sequence, DateTimeOffset requestedAt) =>
        new(EmailRequest.CurrentVersion, Kind, subscriberId, KeyFor(documentId, sha256), DocumentId: documentId, Sequence: sequence, RequestedAt: requestedAt);

    public bool IsWantedBy(SubscriberRecord subscriber) => subscriber.AlertsEnabled;

    public void Validate(EmailRequest request)
    {
        MessageKeys.RequireKind(request, Kind);
        if (!DocumentId.TryParse(request.DocumentId, out _) || request.Sequence is not > 0)
            throw new MalformedMessageException(QueueNames.Emails, $"{Kind} {request.MessageKey} needs a document id and a version sequence");
    }

    public async Task<EmailDraft> ComposeAsync(EmailRequest request, SubscriberRecord subscriber, CancellationToken ct = default)
    {
        var forFollowers = await versions.GetAsync(DocumentId.Parse(request.DocumentId!), request.Sequence!.Value, request.MessageKey, ct);
        return new EmailDraft(forFollowers.WithPlanNote(PlanNote.For(subscriber.Plan)));
    }

    public Task SentAsync(SubscriberRecord subscriber, EmailDraft draft, CancellationToken ct = default) => Task.CompletedTask;
}
