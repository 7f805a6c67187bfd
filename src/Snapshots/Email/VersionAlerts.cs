using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Snapshots.Catalog;
using Snapshots.Storage;

namespace Snapshots.Email;

/// <summary>
/// The alert of each version, composed once for all its followers (reading both texts and comparing them is the costly part)
/// and kept in the <c>alerts</c> container as JSON, under <c>{documentId}/{sequence}/{message key as a delivery row key}.json</c>.
/// <para>
/// Why durable: a fan-out queues one alert per follower at once, and the Functions host shares them out among its instances,
/// each taking a batch at a time; an instance may be recycled in the middle. A kept alert is seen by every instance and outlives
/// any of them, and reading it is one request where composing is four (document, version, two texts) plus the comparison. Within
/// one instance, the requests of a batch that arrive together wait for the one composition under way (<see cref="InFlight{T}"/>)
/// instead of each starting their own. A kept alert is a cache, not a record: losing one costs one more composition, and the
/// storage account's lifecycle rule deletes them a week after they were written.
/// </para>
/// </summary>
internal sealed class VersionAlerts(StorageClients storage, AlertComposer composer, ILogger<VersionAlerts> log)
{
    private readonly InFlight<ComposedEmail> _composing = new();

    /// <summary>The alert of version <paramref name="sequence"/> of <paramref name="id"/> as its followers get it (see <see cref="ComposedEmail.PlanNotePlaceholder"/>).</summary>
    public Task<ComposedEmail> GetAsync(DocumentId id, long sequence, string messageKey, CancellationToken ct = default) =>
        GetAsync(id, sequence, messageKey, token => composer.ComposeAsync(id, sequence, token), ct);

    /// <summary>The email of this message key for version <paramref name="sequence"/>, composed by <paramref name="compose"/> the first time.</summary>
    public Task<ComposedEmail> GetAsync(DocumentId id, long sequence, string messageKey, Func<CancellationToken, Task<ComposedEmail>> compose, CancellationToken ct = default)
    {
        var blob = storage.Alerts.GetBlobClient(BlobName(id, sequence, messageKey));
        return _composing.RunAsync(blob.Name, () => ReadOrComposeAsync(blob, id, sequence, compose), ct);
    }

    public static string BlobName(DocumentId id, long sequence, string messageKey) => $"{id}/{sequence}/{DeliveryKeys.Encode(messageKey)}.json";

    // Shared by the callers waiting for it, so no caller's cancellation token stops it.
    private async Task<ComposedEmail> ReadOrComposeAsync(BlobClient blob, DocumentId id, long sequence, Func<CancellationToken, Task<ComposedEmail>> compose)
    {
        try
        {
            return (await blob.DownloadContentAsync()).Value.Content.ToObjectFromJson<ComposedEmail>()
                   ?? throw new InvalidDataException($"{blob.BlobContainerName}/{blob.Name} holds no alert");
        }
        catch (RequestFailedException e) when (e.Status == 404) { }

        var email = await compose(CancellationToken.None);
        try
        {
            await blob.UploadAsync(BinaryData.FromObjectAsJson(email), new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            });
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another instance kept the same alert first.
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            log.LogWarning("The {Container} container is missing: the alert of {Document} version {Sequence} is sent but not kept", blob.BlobContainerName, id, sequence);
        }
        return email;
    }
}
