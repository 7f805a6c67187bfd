using Azure;
using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Extraction;
using Snapshots.Fetching;

namespace Snapshots.Tracking;

/// <summary>What to import a history folder as.</summary>
public sealed record HistoryImportRequest(DocumentId Document, string? PlatformName = null, bool DryRun = false);

/// <summary>
/// Imports a folder of saved captures (<see cref="HistoryFolder"/>) into a document's archive: in capture-time order,
/// each capture goes through the same <see cref="PageVersioner"/>, <see cref="CheckDecision"/> and <see cref="VersionRecorder"/>
/// as a live check, with the declaration in force at its time, and is recorded with its original capture time (origin "import") on the
/// same hash chain. Captures not newer than the latest version are refused, so re-importing records nothing.
/// Sends no change notice: imported history is not news. A dry run reads storage but writes nothing.
/// </summary>
public sealed class HistoryImporter(DocumentCatalog catalog, VersionLedger ledger, ObservationLog observations, SnapshotArchive archive,
    PageVersioner versioner, VersionRecorder recorder, CheckDecision decision)
{
    public const string Origin = "import";

    public async Task<HistoryImportReport> ImportAsync(HistoryFolder folder, HistoryImportRequest request, Action<HistoryStep>? progress = null, CancellationToken ct = default)
    {
        var id = request.Document;
        var existing = await ReadAsync(() => catalog.FindAsync(id, ct), request.DryRun);
        var termsType = TermsTypeOf(folder, id, existing);
        var platformName = request.PlatformName ?? existing?.PlatformName ?? folder.ServiceName ?? id.Platform;
        if (!folder.HasDeclarations && existing is null)
            throw new HistoryImportException($"{folder.DeclarationsFile}: missing, and document '{id}' is not in the catalog: add declarations.json or import the document's declaration first (snapshots documents import).");

        if (existing is null && !request.DryRun)
            await catalog.UpsertAsync(folder.CurrentDeclaration(termsType, platformName, id.Platform), ct);

        var latest = existing is { VersionCount: > 0 } ? await ReadAsync(() => ledger.FindAsync(id, existing.VersionCount, ct), request.DryRun) : null;
        // The newest capture already taken into account: the latest version, or a later return to a known variant.
        var observed = existing is { VersionCount: > 0 } ? await ReadAsync(() => LatestObservationAsync(id, ct), request.DryRun) : null;
        var latestAt = observed is not null && (latest is null || observed.CapturedAt > latest.CapturedAt) ? observed.CapturedAt : latest?.CapturedAt;
        // The row the decision reads: storage's (as the import changes it), or for a dry run a copy that the same row changes are applied to.
        var row = existing ?? (request.DryRun ? new DocumentRecord { PartitionKey = id.DocumentsPartitionKey, RowKey = id.DocumentsRowKey } : await catalog.GetAsync(id, ct));
        var state = new ImportState(row.Copy(), latestAt, latest?.TextLength);
        if (request.DryRun && existing is { VersionCount: > 0 })
        {
            // A dry run decides returns to known variants on what storage holds plus what it would record itself.
            state.Versions.AddRange(await ReadAsync(async () => (IReadOnlyList<VersionRecord>?)await ledger.ListAsync(id, ct), dryRun: true) ?? []);
            state.Observations.AddRange(await ReadAsync(async () => (IReadOnlyList<VariantObservation>?)await observations.ListAsync(id, ct), dryRun: true) ?? []);
        }

        var steps = new List<HistoryStep>(folder.Captures.Count);
        foreach (var capture in folder.Captures)
        {
            ct.ThrowIfCancellationRequested();
            var step = await ImportOneAsync(folder, capture, id, termsType, platformName, existing is null ? null : new CatalogDeclarations(existing), request.DryRun, state, ct);
            steps.Add(step);
            progress?.Invoke(step);
        }
        return new HistoryImportReport(id, request.DryRun, steps);
    }

    private async Task<HistoryStep> ImportOneAsync(HistoryFolder folder, HistoryCapture capture, DocumentId id, string termsType, string platformName,
        CatalogDeclarations? catalogDeclarations, bool dryRun, ImportState state, CancellationToken ct)
    {
        if (state.LatestAt is { } latestAt && capture.CapturedAt <= latestAt)
            return new HistoryStep(capture, HistoryStepKind.Skipped,
                $"not newer than the latest version ({state.Row.VersionCount}, captured {HashChain.FormatTime(latestAt)}, or a later return to a known variant)");

        var declaration = folder.HasDeclarations
            ? folder.DeclarationAt(capture.CapturedAt, termsType, platformName, id.Platform).Declaration
            : catalogDeclarations!.At(capture.CapturedAt);
        if (declaration.Sources.Count != capture.Parts.Count)
            throw new HistoryImportException(declaration.Sources.Count == 1
                ? $"{capture.File}: holds {capture.Parts.Count} pages, but the declaration in force then fetches one."
                : $"{capture.File}: the declaration in force then combines {declaration.Sources.Count} pages ({string.Join(", ", declaration.Urls)}), "
                  + $"so the capture must be a folder {capture.Name}/ holding 1.html to {declaration.Sources.Count}.html in that order; it holds {capture.Parts.Count}.");
        var pages = declaration.Sources.Zip(capture.Parts, (source, part) => new SourcePage(source, PageOf(part, source))).ToList();

        var facts = new CheckFacts(state.Row, capture.CapturedAt, DeclarationJsonOptions.Fingerprint(declaration), Live: false) { Pages = pages };
        var verdict = decision.Decide(facts);
        while (verdict is CheckVerdict.Need need)
        {
            facts = need switch
            {
                CheckVerdict.NeedsText => await ExtractAsync(facts, declaration, state, ct),
                CheckVerdict.NeedsVariants => facts with { Variants = dryRun ? new KnownVariants(state.Versions, state.Observations)
                    : new KnownVariants(await ledger.ListAsync(id, ct), await observations.ListAsync(id, ct)) },
                CheckVerdict.NeedsTexts texts => facts with { Texts = await TextsAsync(id, texts.Sha256s, state, ct) },
                _ => throw new InvalidOperationException($"an import has nothing to answer {need} with"),
            };
            verdict = decision.Decide(facts);
        }

        switch (verdict)
        {
            case CheckVerdict.Failed failed:
                return new HistoryStep(capture, HistoryStepKind.Failed, failed.Reason);
            case CheckVerdict.Unchanged unchanged:
                return new HistoryStep(capture, HistoryStepKind.Unchanged, unchanged.Detail, state.Row.VersionCount, facts.Candidate!.TextSha256);
            case CheckVerdict.ReturnedToVariant variant:
            {
                var observation = variant.Observation;
                if (dryRun)
                {
                    state.Observations.Add(observation);
                    state.Observe(ApplyInMemory(state.Row, variant.Row), observation.CapturedAt);
                }
                else
                {
                    await observations.TryAddAsync(observation, ct);
                    state.Observe(await catalog.UpdateAsync(id, variant.Row, ct, state.Row), observation.CapturedAt);
                }
                return new HistoryStep(capture, HistoryStepKind.Variant, $"returned to version {observation.Sequence} (known variant, no version)", observation.Sequence, observation.TextSha256);
            }
            case CheckVerdict.NewVersion created:
            {
                var candidate = created.Candidate;
                if (dryRun)
                {
                    var version = new VersionRecord { Sequence = state.Row.VersionCount + 1, TextSha256 = candidate.TextSha256, CapturedAt = HashChain.Truncate(candidate.CapturedAt) };
                    state.Versions.Add(version);
                    state.Advance(ApplyInMemory(state.Row, DocumentRowChanges.PointedAt(version)), candidate);
                    return new HistoryStep(capture, HistoryStepKind.WouldRecord, $"would be version {version.Sequence} ({candidate.Text.Length} characters)", version.Sequence, candidate.TextSha256);
                }
                var recorded = await recorder.RecordAsync(candidate, ct, state.Row);
                if (recorded.Result == RecordResult.AlreadyCurrent)
                    return new HistoryStep(capture, HistoryStepKind.Unchanged, "same text", state.Row.VersionCount, candidate.TextSha256);
                state.Advance(recorded.Document ?? await catalog.GetAsync(id, ct), candidate);
                return new HistoryStep(capture, HistoryStepKind.Recorded, $"version {recorded.Version!.Sequence}", recorded.Version.Sequence, recorded.Version.TextSha256);
            }
            default:
                throw new InvalidOperationException($"an import does not expect {verdict}");
        }
    }

    private async Task<CheckFacts> ExtractAsync(CheckFacts facts, DocumentDeclaration declaration, ImportState state, CancellationToken ct)
    {
        try
        {
            return facts with
            {
                Candidate = await versioner.CandidateAsync(facts.Document.Id, declaration, facts.DeclarationSha256, facts.Pages!, facts.CheckedAt, Origin,
                    _ => Task.FromResult(state.TextLength), ct),
            };
        }
        catch (ExtractionException e)
        {
            return facts with { ExtractionError = e.Reason };
        }
    }

    /// <summary>The versions' texts: those this import recorded (or would record) from memory, the others from the archive.</summary>
    private async Task<IReadOnlyDictionary<string, string>> TextsAsync(DocumentId id, IReadOnlyList<string> sha256s, ImportState state, CancellationToken ct)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var sha in sha256s)
            texts[sha] = state.Texts.TryGetValue(sha, out var known) ? known : await archive.ReadTextAsync(SnapshotArchive.TextBlobName(id, sha), ct);
        return texts;
    }

    /// <summary>A dry run's row change: applied to its own copy of the row, never written.</summary>
    private static DocumentRecord ApplyInMemory(DocumentRecord row, Func<DocumentRecord, bool> change)
    {
        var copy = row.Copy();
        return change(copy) ? copy : row;
    }

    private async Task<VariantObservation?> LatestObservationAsync(DocumentId id, CancellationToken ct) =>
        (await observations.ListAsync(id, ct)).LastOrDefault();

    private static FetchedPage PageOf(HistoryCapture capture, SourceDeclaration source) =>
        new(source.Url, source.Url, 200, capture.MediaType, capture.ReadBytes(), ETag: null, LastModified: null, NotModified: false);

    private static string TermsTypeOf(HistoryFolder folder, DocumentId id, DocumentRecord? existing)
    {
        if (existing is not null) return existing.TermsType;
        if (folder.TermsType is { } named && Slug.From(named) == id.TermsType) return named;
        return TermsTypes.Canonical.FirstOrDefault(t => Slug.From(t) == id.TermsType)
            ?? throw new HistoryImportException($"{folder.Path}: '{id.TermsType}' is not the slug of a known terms type (e.g. privacy-policy, terms-of-service).");
    }

    /// <summary>A read that, in a dry run against storage never written to, finds no table: nothing is there yet.</summary>
    private static async Task<T?> ReadAsync<T>(Func<Task<T?>> read, bool dryRun) where T : class
    {
        try { return await read(); }
        catch (RequestFailedException e) when (dryRun && e.Status == 404) { return null; }
    }

    /// <summary>Without a declarations.json: the catalog's declaration in force at a capture's time (earlier ones from an OTA .history.json, else the current one).</summary>
    private sealed class CatalogDeclarations(DocumentRecord document)
    {
        private readonly IReadOnlyList<DatedDeclaration> _earlier = document.EarlierDeclarations();
        private readonly DocumentDeclaration _current = document.Declaration();

        public DocumentDeclaration At(DateTimeOffset time) => _earlier.FirstOrDefault(d => d.ValidUntil >= time)?.Declaration ?? _current;
    }

    /// <param name="Row">The document row as the import has left it (a dry run's own copy).</param>
    private sealed class ImportState(DocumentRecord row, DateTimeOffset? latestAt, int? textLength)
    {
        public DocumentRecord Row { get; private set; } = row;
        public DateTimeOffset? LatestAt { get; private set; } = latestAt;
        public int? TextLength { get; private set; } = textLength;
        /// <summary>Dry run only: stored versions and observations plus those this run would record.</summary>
        public List<VersionRecord> Versions { get; } = [];
        public List<VariantObservation> Observations { get; } = [];
        /// <summary>The texts of the versions this import recorded or would record, by text hash.</summary>
        public Dictionary<string, string> Texts { get; } = new(StringComparer.Ordinal);

        public void Observe(DocumentRecord row, DateTimeOffset at)
        {
            Row = row;
            LatestAt = at;
        }

        public void Advance(DocumentRecord row, VersionCandidate candidate)
        {
            Row = row;
            Texts[candidate.TextSha256] = candidate.Text;
            LatestAt = candidate.CapturedAt;
            TextLength = candidate.Text.Length;
        }
    }
}
