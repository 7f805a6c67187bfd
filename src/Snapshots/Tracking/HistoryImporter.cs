using Azure;
using Microsoft.Extensions.Logging;
using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Extraction;
using Snapshots.Fetching;
using Snapshots.Provisions;

namespace Snapshots.Tracking;

/// <summary>What to import a history folder as.</summary>
public sealed record HistoryImportRequest(DocumentId Document, string? PlatformName = null, bool DryRun = false);

/// <summary>
/// Imports a folder of saved captures (<see cref="HistoryFolder"/>) into a document's archive: in capture-time order,
/// each capture goes through the same <see cref="PageVersioner"/>, <see cref="CheckDecision"/> and <see cref="VersionRecorder"/>
/// as a live check, with the declaration in force at its time, and is recorded with its original capture time (origin "import") on the
/// same hash chain; several documents of one platform imported together are also compared with each other for platform
/// chrome (<see cref="ImportTogetherAsync"/>). Captures not newer than the latest version are refused, so re-importing records nothing.
/// Sends no change notice: imported history is not news. A dry run reads storage but writes nothing.
/// </summary>
public sealed class HistoryImporter(DocumentCatalog catalog, VersionLedger ledger, ObservationLog observations, SnapshotArchive archive,
    PageVersioner versioner, VersionRecorder recorder, CheckDecision decision, ProvisionLedger provisions, ILogger<HistoryImporter> log)
{
    public const string Origin = "import";

    /// <summary>
    /// Captures of one platform's documents this close in time are one round of checks: a sibling's text "now" is its capture
    /// nearest in time within it, and what it served is what it served before the round began.
    /// </summary>
    public static readonly TimeSpan CaptureRound = TimeSpan.FromMinutes(30);

    public async Task<HistoryImportReport> ImportAsync(HistoryFolder folder, HistoryImportRequest request, Action<HistoryStep>? progress = null, CancellationToken ct = default) =>
        (await ImportTogetherAsync([(folder, request)], progress, ct))[0];

    /// <summary>
    /// Imports several documents' histories. The documents of one platform are imported together, their captures taken in
    /// time order across the documents, so that a change found on one document is compared with the others' captures of the
    /// same round (<see cref="CaptureRound"/>): a block that changed identically on all of them is platform chrome
    /// (<see cref="PlatformChrome"/>), as on a live check. A document imported alone is compared with nothing. Reports in the
    /// order of <paramref name="imports"/>.
    /// </summary>
    public async Task<IReadOnlyList<HistoryImportReport>> ImportTogetherAsync(IReadOnlyList<(HistoryFolder Folder, HistoryImportRequest Request)> imports,
        Action<HistoryStep>? progress = null, CancellationToken ct = default)
    {
        if (imports.Select(i => i.Request.Document).Distinct().Count() != imports.Count)
            throw new HistoryImportException("the same document is named by two history folders: import each document once.");
        var runs = new List<DocumentImport>();
        foreach (var (folder, request) in imports) runs.Add(await StartAsync(folder, request, ct));
        foreach (var platform in runs.GroupBy(r => r.Id.Platform))
        {
            var together = platform.ToList();
            var captures = together.SelectMany(r => r.Folder.Captures.Select(c => (Run: r, Capture: c)))
                .OrderBy(c => c.Capture.CapturedAt).ThenBy(c => c.Run.Id.ToString(), StringComparer.Ordinal).ToList();
            foreach (var (run, capture) in captures)
            {
                ct.ThrowIfCancellationRequested();
                var step = await ImportOneAsync(run, capture, together, ct);
                run.Steps.Add(step);
                progress?.Invoke(step);
            }
        }
        return runs.Select(r => new HistoryImportReport(r.Id, r.DryRun, r.Steps)).ToList();
    }

    private async Task<DocumentImport> StartAsync(HistoryFolder folder, HistoryImportRequest request, CancellationToken ct)
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
        return new DocumentImport(folder, id, termsType, platformName, existing is null ? null : new CatalogDeclarations(existing), request.DryRun, state);
    }

    private async Task<HistoryStep> ImportOneAsync(DocumentImport run, HistoryCapture capture, IReadOnlyList<DocumentImport> platform, CancellationToken ct)
    {
        var (id, state, dryRun) = (run.Id, run.State, run.DryRun);
        if (state.LatestAt is { } latestAt && capture.CapturedAt <= latestAt)
            return new HistoryStep(capture, HistoryStepKind.Skipped,
                $"not newer than the latest version ({state.Row.VersionCount}, captured {HashChain.FormatTime(latestAt)}, or a later return to a known variant)");

        var declaration = run.DeclarationAt(capture);
        var pages = run.PagesOf(capture, declaration);
        var facts = new CheckFacts(state.Row, capture.CapturedAt, DeclarationJsonOptions.Fingerprint(declaration), Live: false)
        {
            Pages = pages,
            ComparesPlatform = platform.Count > 1,
        };
        var verdict = decision.Decide(facts);
        while (verdict is CheckVerdict.Need need)
        {
            facts = need switch
            {
                CheckVerdict.NeedsText => await ExtractAsync(facts, declaration, state, ct),
                CheckVerdict.NeedsVariants => facts with { Variants = await KnownAsync(run, ct) },
                CheckVerdict.NeedsTexts texts => facts with { Texts = await TextsAsync(run, texts.Sha256s, ct) },
                CheckVerdict.NeedsPlatform siblings => facts with { Platform = await PlatformAsync(run, siblings.ServedSha256, capture.CapturedAt, platform, ct) },
                _ => throw new InvalidOperationException($"an import has nothing to answer {need} with"),
            };
            verdict = decision.Decide(facts);
        }

        switch (verdict)
        {
            case CheckVerdict.Failed failed:
                return new HistoryStep(capture, HistoryStepKind.Failed, failed.Reason);
            case CheckVerdict.Unchanged unchanged:
                state.Equivalent(facts.Candidate!);
                return new HistoryStep(capture, HistoryStepKind.Unchanged, unchanged.Detail, state.Row.VersionCount, facts.Candidate!.TextSha256);
            case CheckVerdict.ChromeOnly chrome:
                state.Equivalent(facts.Candidate!);
                return new HistoryStep(capture, HistoryStepKind.Unchanged, chrome.Chrome.Describe(), state.Row.VersionCount, facts.Candidate!.TextSha256);
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
                    var version = new VersionRecord { Sequence = state.Row.VersionCount + 1, TextSha256 = candidate.TextSha256, CapturedAt = HashChain.Truncate(candidate.CapturedAt), DeclarationSha256 = candidate.DeclarationSha256 };
                    state.Versions.Add(version);
                    state.Advance(ApplyInMemory(state.Row, DocumentRowChanges.PointedAt(version)), candidate);
                    return new HistoryStep(capture, HistoryStepKind.WouldRecord, $"would be version {version.Sequence} ({candidate.Text.Length} characters)", version.Sequence, candidate.TextSha256);
                }
                var recorded = await recorder.RecordAsync(candidate, ct, state.Row);
                if (recorded.Result == RecordResult.AlreadyCurrent)
                    return new HistoryStep(capture, HistoryStepKind.Unchanged, "same text", state.Row.VersionCount, candidate.TextSha256);
                await provisions.EnsureQuietlyAsync(id, recorded.Version!, candidate.Text, recorded.PreviousVersionText, log, ct);
                state.Advance(recorded.Document ?? await catalog.GetAsync(id, ct), candidate);
                return new HistoryStep(capture, HistoryStepKind.Recorded, $"version {recorded.Version!.Sequence}", recorded.Version.Sequence, recorded.Version.TextSha256);
            }
            default:
                throw new InvalidOperationException($"an import does not expect {verdict}");
        }
    }

    /// <summary>The document's versions and observations: storage's, or for a dry run storage's plus those it would record.</summary>
    private async Task<KnownVariants> KnownAsync(DocumentImport run, CancellationToken ct) => run.DryRun
        ? new KnownVariants(run.State.Versions, run.State.Observations)
        : new KnownVariants(await ledger.ListAsync(run.Id, ct), await observations.ListAsync(run.Id, ct));

    /// <summary>
    /// The platform's texts for a change found at <paramref name="at"/>: the document's served text, and for every other
    /// document imported with it the text it served before this round of captures and that of its capture before the round
    /// (which holds chrome it folded), and the text of its capture nearest in time within the round. <see cref="PlatformTexts.None"/> when one of them has no version yet, no capture in the round,
    /// or a capture that cannot be extracted.
    /// </summary>
    private async Task<PlatformTexts> PlatformAsync(DocumentImport run, string servedSha256, DateTimeOffset at, IReadOnlyList<DocumentImport> platform, CancellationToken ct)
    {
        var siblings = new List<(IReadOnlyList<string> Before, string Now)>();
        foreach (var sibling in platform.Where(p => p != run))
        {
            var known = await KnownAsync(sibling, ct);
            if (new VariantTimeline(known.Versions, known.Observations).ServedBefore(at - CaptureRound) is not { } served) return PlatformTexts.None;
            var capture = sibling.Folder.Captures.Where(c => (c.CapturedAt - at).Duration() <= CaptureRound).MinBy(c => (c.CapturedAt - at).Duration());
            if (capture is null || await sibling.TextOfAsync(capture, versioner, ct) is not { } now) return PlatformTexts.None;
            List<string> before = [(await TextsAsync(sibling, [served], ct))[served]];
            if (sibling.Folder.Captures.LastOrDefault(c => c.CapturedAt < at - CaptureRound) is { } previous && await sibling.TextOfAsync(previous, versioner, ct) is { } was)
                before.Add(was);
            siblings.Add((before, now));
        }
        // The document's own text before: the one it was last found equivalent to when there is one (it holds the chrome folded
        // since its recorded text), else the text it served.
        return new PlatformTexts(run.State.EquivalentText ?? (await TextsAsync(run, [servedSha256], ct))[servedSha256], siblings);
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
    private async Task<IReadOnlyDictionary<string, string>> TextsAsync(DocumentImport run, IReadOnlyList<string> sha256s, CancellationToken ct)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var sha in sha256s)
        {
            if (!run.State.Texts.TryGetValue(sha, out var text))
                run.State.Texts[sha] = text = await archive.ReadTextAsync(SnapshotArchive.TextBlobName(run.Id, sha), ct);
            texts[sha] = text;
        }
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

    /// <summary>One document's import: its folder, what it is imported as, and its state as the import goes.</summary>
    private sealed class DocumentImport(HistoryFolder folder, DocumentId id, string termsType, string platformName, CatalogDeclarations? catalogDeclarations,
        bool dryRun, ImportState state)
    {
        private readonly Dictionary<string, string?> _platformTexts = new(StringComparer.Ordinal);

        public HistoryFolder Folder { get; } = folder;
        public DocumentId Id { get; } = id;
        public bool DryRun { get; } = dryRun;
        public ImportState State { get; } = state;
        public List<HistoryStep> Steps { get; } = [];

        /// <summary>The declaration in force at the capture's time: the folder's, else the catalog's.</summary>
        public DocumentDeclaration DeclarationAt(HistoryCapture capture) => Folder.HasDeclarations
            ? Folder.DeclarationAt(capture.CapturedAt, termsType, platformName, Id.Platform).Declaration
            : catalogDeclarations!.At(capture.CapturedAt);

        public IReadOnlyList<SourcePage> PagesOf(HistoryCapture capture, DocumentDeclaration declaration)
        {
            if (declaration.Sources.Count != capture.Parts.Count)
                throw new HistoryImportException(declaration.Sources.Count == 1
                    ? $"{capture.File}: holds {capture.Parts.Count} pages, but the declaration in force then fetches one."
                    : $"{capture.File}: the declaration in force then combines {declaration.Sources.Count} pages ({string.Join(", ", declaration.Urls)}), "
                      + $"so the capture must be a folder {capture.Name}/ holding 1.html to {declaration.Sources.Count}.html in that order; it holds {capture.Parts.Count}.");
            return declaration.Sources.Zip(capture.Parts, (source, part) => new SourcePage(source, PageOf(part, source))).ToList();
        }

        /// <summary>The capture's text for another document's platform comparison (extracted once), or null when it cannot be extracted.</summary>
        public async Task<string?> TextOfAsync(HistoryCapture capture, PageVersioner versioner, CancellationToken ct)
        {
            if (_platformTexts.TryGetValue(capture.Name, out var known)) return known;
            var declaration = DeclarationAt(capture);
            string? text;
            try
            {
                var pages = PagesOf(capture, declaration);
                text = (await versioner.CandidateAsync(Id, declaration, DeclarationJsonOptions.Fingerprint(declaration), pages, capture.CapturedAt, Origin,
                    _ => Task.FromResult(State.TextLength), ct)).Text;
            }
            catch (Exception e) when (e is ExtractionException or HistoryImportException)
            {
                text = null;
            }
            return _platformTexts[capture.Name] = text;
        }
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
            EquivalentText = null;
            LatestAt = at;
        }

        /// <summary>
        /// A text found equivalent to the served one (diff shows no change, or platform chrome): the next capture with it is
        /// unchanged at once, as on a live check. Kept on the row in memory only; the next version or observation clears it.
        /// </summary>
        public void Equivalent(VersionCandidate candidate)
        {
            if (candidate.TextSha256 == CheckDecision.ServedSha256(Row)) return;
            Row.ChromeEquivalentSha256 = candidate.TextSha256;
            EquivalentText = candidate.Text;
        }

        /// <summary>The text of <see cref="DocumentRecord.ChromeEquivalentSha256"/> when this import found it; null after a version or observation.</summary>
        public string? EquivalentText { get; private set; }

        public void Advance(DocumentRecord row, VersionCandidate candidate)
        {
            Row = row;
            EquivalentText = null;
            Texts[candidate.TextSha256] = candidate.Text;
            LatestAt = candidate.CapturedAt;
            TextLength = candidate.Text.Length;
        }
    }
}
