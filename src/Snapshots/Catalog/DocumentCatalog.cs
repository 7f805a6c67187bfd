using Azure;
using Azure.Data.Tables;
using Snapshots.Storage;

namespace Snapshots.Catalog;

/// <summary>The <c>documents</c> table: import declarations, list and read documents, and update their state with ETag concurrency.</summary>
public sealed class DocumentCatalog(StorageClients storage, TimeProvider clock)
{
    private readonly TableClient _table = storage.Documents;

    /// <summary>Document rows only: a platform's partition also holds its pending transparency-log entries (RowKey from '~').</summary>
    private const string DocumentRowsOnly = "RowKey lt '~'";

    /// <summary>
    /// Validates every declaration file first, then upserts the documents. Nothing is written if any file is broken.
    /// Existing state (versions, last checked, failures) is kept; only the declaration is replaced.
    /// </summary>
    public Task<DeclarationImport> ImportAsync(string fileOrFolder, CancellationToken ct = default) =>
        ImportAsync(DeclarationFiles.Read(fileOrFolder), ct);

    /// <summary>
    /// Upserts the documents of declarations already read and validated (<see cref="DeclarationFiles.Read"/>), so that what is
    /// written is what was checked: the files are not read a second time.
    /// </summary>
    public async Task<DeclarationImport> ImportAsync(IReadOnlyList<PlatformDeclaration> platforms, CancellationToken ct = default)
    {
        var imported = new List<ImportedDocument>();
        foreach (var platform in platforms)
            foreach (var document in platform.Documents)
                imported.Add(await UpsertAsync(document, ct, platform.Earlier.GetValueOrDefault(document.TermsType) ?? []));
        return new DeclarationImport(platforms, imported);
    }

    /// <param name="earlier">Declarations in force before this one (oldest first); they replace those stored.</param>
    public async Task<ImportedDocument> UpsertAsync(DocumentDeclaration declaration, CancellationToken ct = default, IReadOnlyList<DatedDeclaration>? earlier = null)
    {
        var id = declaration.Id;
        var json = DeclarationJsonOptions.Serialize(declaration);
        var earlierJson = EarlierJson(earlier);
        var fingerprint = DeclarationJsonOptions.Fingerprint(declaration);
        var now = clock.GetUtcNow();
        while (true)
        {
            var existing = await FindAsync(id, ct);
            if (existing is null)
            {
                var record = new DocumentRecord
                {
                    PartitionKey = id.DocumentsPartitionKey,
                    RowKey = id.DocumentsRowKey,
                    PlatformName = declaration.PlatformName,
                    TermsType = declaration.TermsType,
                    DeclarationJson = json,
                    DeclarationSha256 = fingerprint,
                    Urls = string.Join(' ', declaration.Urls),
                    EarlierDeclarationsJson = earlierJson,
                    FirstTrackedAt = now,
                };
                try { await _table.AddEntityAsync(record.ToEntity(), ct); return new ImportedDocument(id, ImportResult.Added); }
                catch (RequestFailedException e) when (e.Status == 409) { continue; }
            }
            if (existing.DeclarationSha256 == fingerprint && existing.PlatformName == declaration.PlatformName
                && (earlier is null || existing.EarlierDeclarationsJson == earlierJson))
                return new ImportedDocument(id, ImportResult.Unchanged);
            if (earlier is not null) existing.EarlierDeclarationsJson = earlierJson;
            existing.PlatformName = declaration.PlatformName;
            existing.TermsType = declaration.TermsType;
            existing.DeclarationJson = json;
            existing.DeclarationSha256 = fingerprint;
            existing.Urls = string.Join(' ', declaration.Urls);
            try { await _table.UpdateEntityAsync(existing.ToEntity(), existing.ETag, TableUpdateMode.Replace, ct); return new ImportedDocument(id, ImportResult.Updated); }
            catch (RequestFailedException e) when (e.Status == 412) { }
        }
    }

    /// <summary>Deletes the document's row (its versions and blobs are <c>Tracking.DocumentRemoval</c>'s business); true when it existed.</summary>
    public async Task<bool> DeleteAsync(DocumentId id, CancellationToken ct = default)
    {
        // The Tables client answers a delete of a missing entity without throwing; its status says whether there was one.
        var response = await _table.DeleteEntityAsync(id.DocumentsPartitionKey, id.DocumentsRowKey, ETag.All, ct);
        return response.Status != 404;
    }

    /// <summary>A table property holds at most 32K characters: past that, the oldest earlier declarations are left out (history
    /// imports of captures older than those kept use the oldest kept one).</summary>
    private const int MaxEarlierJsonLength = 30_000;

    private static string? EarlierJson(IReadOnlyList<DatedDeclaration>? earlier)
    {
        for (var skip = 0; earlier is not null && skip < earlier.Count; skip++)
        {
            var json = System.Text.Json.JsonSerializer.Serialize(earlier.Skip(skip).ToList(), DeclarationJsonOptions.Options);
            if (json.Length <= MaxEarlierJsonLength) return json;
        }
        return null;
    }

    public async Task<DocumentRecord?> FindAsync(DocumentId id, CancellationToken ct = default)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(id.DocumentsPartitionKey, id.DocumentsRowKey, cancellationToken: ct);
        return response.HasValue ? DocumentRecord.FromEntity(response.Value!) : null;
    }

    public async Task<DocumentRecord> GetAsync(DocumentId id, CancellationToken ct = default) =>
        await FindAsync(id, ct) ?? throw new UnknownDocumentException(id);

    public async Task<IReadOnlyList<DocumentRecord>> ListAsync(string? platform = null, CancellationToken ct = default)
    {
        var query = platform is null
            ? _table.QueryAsync<TableEntity>(DocumentRowsOnly, cancellationToken: ct)
            : _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {platform}") + " and " + DocumentRowsOnly, cancellationToken: ct);
        var documents = new List<DocumentRecord>();
        await foreach (var row in query) documents.Add(DocumentRecord.FromEntity(row));
        return documents.OrderBy(d => d.PartitionKey, StringComparer.Ordinal).ThenBy(d => d.RowKey, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the row and writes it with its ETag; a lost race re-reads and re-applies, never overwrites.
    /// With <paramref name="current"/> (a row the caller read), the first attempt uses it and its ETag instead of reading again.
    /// <paramref name="change"/> returns false to leave the row as it is.
    /// </summary>
    /// <param name="companion">
    /// A row of the same partition written in the same transaction as the document row (one request): a check's pending
    /// transparency-log entry. Made from the row as changed; null writes none. A companion already stored (409) is kept as it is.
    /// </param>
    public async Task<DocumentRecord> UpdateAsync(DocumentId id, Func<DocumentRecord, bool> change, CancellationToken ct = default, DocumentRecord? current = null,
        Func<DocumentRecord, ITableEntity?>? companion = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var record = attempt == 1 && current is not null ? current.Copy() : await GetAsync(id, ct);
            if (!change(record)) return record;
            var extra = companion?.Invoke(record);
            try
            {
                if (extra is null)
                {
                    var response = await _table.UpdateEntityAsync(record.ToEntity(), record.ETag, TableUpdateMode.Replace, ct);
                    record.ETag = response.Headers.ETag ?? record.ETag;
                }
                else
                {
                    var responses = await _table.SubmitTransactionAsync(
                        [new TableTransactionAction(TableTransactionActionType.UpdateReplace, record.ToEntity(), record.ETag), new TableTransactionAction(TableTransactionActionType.Add, extra)], ct);
                    record.ETag = responses.Value[0].Headers.ETag ?? record.ETag;
                }
                return record;
            }
            catch (TableTransactionFailedException e) when (e.Status == 409 && e.FailedTransactionActionIndex == 1)
            {
                companion = null;
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < 20)
            {
                if (attempt > 1 || current is null) await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 50) * attempt), ct);
            }
        }
    }
}

public enum ImportResult { Added, Updated, Unchanged }

/// <summary>What an import of declarations did: the platforms read (with their ids and skipped documents) and each document's result.</summary>
public sealed record DeclarationImport(IReadOnlyList<PlatformDeclaration> Platforms, IReadOnlyList<ImportedDocument> Documents)
{
    public int Added => Documents.Count(d => d.Result == ImportResult.Added);
    public int Updated => Documents.Count(d => d.Result == ImportResult.Updated);
    public int Unchanged => Documents.Count(d => d.Result == ImportResult.Unchanged);
    public int Skipped => Platforms.Sum(p => p.Skipped.Count);
}

public sealed record ImportedDocument(DocumentId Id, ImportResult Result);

public sealed class UnknownDocumentException(DocumentId id) : Exception($"unknown document '{id}': import its declaration first (snapshots documents import declarations/)")
{
    public DocumentId Id { get; } = id;
}
