using Snapshots.Catalog;

namespace Snapshots.Archive;

/// <summary>
/// Re-hashes every archived blob, recomputes every document's hash chain from the ledger, re-verifies every stored timestamp
/// token, and cross-checks the document row, the ledger and the blobs: every blob of a document belongs to one of its
/// versions, and the document row exists, and its count, current hash and chain hash are the ledger's last row. The checks of
/// one row are <see cref="VersionEvidence"/>'s, the same the version page runs. Each problem names the document, the version
/// and the blob or field at fault. Versions that never asked for a token are listed apart (not a fault: timestamping was
/// off), and so are versions whose token was asked for and is still within its grace period.
/// </summary>
public sealed class ArchiveVerifier(VersionLedger ledger, ObservationLog observations, SnapshotArchive archive, DocumentCatalog catalog, VersionEvidence evidence)
{
    public async Task<VerificationReport> VerifyAsync(DocumentId? only = null, CancellationToken ct = default)
    {
        var blobsByDocument = await BlobsByDocumentAsync(only, ct);
        var documents = only is { } one ? [one] : await AllDocumentsAsync(blobsByDocument.Keys, ct);
        var problems = new List<VerificationProblem>();
        var untimestamped = new List<(DocumentId, long)>();
        var pending = new List<(DocumentId, long)>();
        var firstFormatRows = new List<VersionRecord>();
        VersionRecord? firstLiveOfCurrentFormat = null;
        var versionsChecked = 0;
        var blobsChecked = 0;
        var observationsChecked = 0;
        var tokensChecked = 0;
        foreach (var id in documents)
        {
            var versions = await ledger.ListAsync(id, ct);
            var blobs = blobsByDocument.TryGetValue(id, out var found) ? found : [];
            var referenced = new HashSet<string>(StringComparer.Ordinal);
            var previousChain = HashChain.Genesis;
            string? previousText = null;
            VersionRecord? previous = null;
            long expectedSequence = 1;
            foreach (var version in versions)
            {
                versionsChecked++;
                void Problem(string what) => problems.Add(new VerificationProblem(id, version.Sequence, what));

                if (version.Sequence != expectedSequence) Problem($"sequence {version.Sequence} where {expectedSequence} was expected (a version is missing)");
                expectedSequence = version.Sequence + 1;
                if (version.PreviousChainHash != previousChain) Problem($"previous chain hash {Short(version.PreviousChainHash)} does not match version {version.Sequence - 1}'s chain hash {Short(previousChain)}");
                if (version.PreviousTextSha256 != previousText) Problem($"previous SHA-256 {Short(version.PreviousTextSha256)} does not match version {version.Sequence - 1}'s {Short(previousText)}");
                foreach (var p in VersionEvidence.RowProblems(version)) Problem(p);
                var format = HashChain.FormatOf(version);
                if (previous is not null && format < HashChain.FormatOf(previous))
                    Problem($"chain format {format} after version {previous.Sequence}'s format {HashChain.FormatOf(previous)}: a row cannot go back to an older format (a downgrade hides altered evidence fields)");
                if (format == HashChain.FirstFormat) firstFormatRows.Add(version);
                else if (version.Origin == "live" && (firstLiveOfCurrentFormat is null || version.CapturedAt < firstLiveOfCurrentFormat.CapturedAt)) firstLiveOfCurrentFormat = version;

                blobsChecked++;
                referenced.Add(version.TextBlob);
                await evidence.CheckBlobAsync(version.TextBlob, version.TextSha256, "", Problem, ct);
                IReadOnlyList<RawSource> sources;
                try { sources = version.RawSources(); }
                catch (System.Text.Json.JsonException) { sources = []; }
                foreach (var source in sources)
                {
                    blobsChecked++;
                    referenced.Add(source.Blob);
                    await evidence.CheckBlobAsync(source.Blob, source.Sha256, "", Problem, ct);
                    if (source.WarcBlob is { } warc)
                    {
                        blobsChecked++;
                        referenced.Add(warc);
                        await evidence.CheckBlobAsync(warc, source.WarcSha256 ?? "", "the WARC capture ", Problem, ct);
                    }
                }

                var token = SnapshotArchive.TimestampBlobName(id, version.ChainHash);
                referenced.Add(token);
                if (TokenRecords.TryOf(version, out _) is { } listed) referenced.UnionWith(TokenRecords.BlobsOf(listed));
                switch (await evidence.CheckTokenAsync(version, blobs.Contains(token), Problem, ct))
                {
                    case TokenState.Checked: tokensChecked++; break;
                    case TokenState.NeverRequested: untimestamped.Add((id, version.Sequence)); break;
                    case TokenState.Pending: pending.Add((id, version.Sequence)); break;
                }

                previousChain = version.ChainHash;
                previousText = version.TextSha256;
                previous = version;
            }

            foreach (var orphan in blobs.Where(b => !referenced.Contains(b)).Order(StringComparer.Ordinal))
                problems.Add(new VerificationProblem(id, null, $"blob snapshots/{orphan} belongs to no version in the ledger (a version row was removed or altered?)"));

            var document = await catalog.FindAsync(id, ct);
            var last = versions.Count > 0 ? versions[^1] : null;
            if (document is null && last is not null)
                problems.Add(new VerificationProblem(id, null, $"the ledger has {versions.Count} versions but the document row is missing (deleted?): verify --repair --declarations FILE restores it"));
            if (document is not null && (document.VersionCount != (last?.Sequence ?? 0) || document.CurrentSha256 != last?.TextSha256))
                problems.Add(new VerificationProblem(id, null, last is null
                    ? $"document row says version {document.VersionCount} ({Short(document.CurrentSha256)}) but the ledger has no versions"
                    : $"document row says version {document.VersionCount} ({Short(document.CurrentSha256)}) but the ledger ends at version {last.Sequence} ({Short(last.TextSha256)})"));
            else if (document is not null && last is not null && document.CurrentChainHash is { } current && current != last.ChainHash)
                problems.Add(new VerificationProblem(id, null, $"document row's chain hash {Short(current)} is not version {last.Sequence}'s {Short(last.ChainHash)}: a row was rewritten"));

            var seen = await observations.ListAsync(id, ct);
            observationsChecked += seen.Count;
            problems.AddRange(ObservationProblems(id, versions, seen));
            if (document?.ServedSequence is { } served && !versions.Any(v => v.Sequence == served && v.TextSha256 == document.ServedSha256))
                problems.Add(new VerificationProblem(id, null, $"document row says it serves version {served}'s text ({Short(document.ServedSha256)}), which no version has"));
            foreach (var version in versions.Where(v => v.ComparedWithSha256 is not null && !versions.Any(o => o.Sequence < v.Sequence && o.TextSha256 == v.ComparedWithSha256)))
                problems.Add(new VerificationProblem(id, version.Sequence, $"compared with {Short(version.ComparedWithSha256)}, the text of no earlier version"));
        }

        // Once a live capture used the current format, Snapshots writes no format-1 row: one captured later was downgraded
        // (or written by an older Snapshots still running beside the new one).
        if (firstLiveOfCurrentFormat is { } switched)
            foreach (var old in firstFormatRows.Where(v => v.CapturedAt > switched.CapturedAt))
                problems.Add(new VerificationProblem(old.Document, old.Sequence,
                    $"chain format {HashChain.FirstFormat}, captured {HashChain.FormatTime(old.CapturedAt)}, after this archive recorded in format {HashChain.CurrentFormat} ({switched.Document} version {switched.Sequence}, {HashChain.FormatTime(switched.CapturedAt)}): a downgraded row, or one written by an older Snapshots"));

        return new VerificationReport(documents.Count, versionsChecked, blobsChecked, problems, observationsChecked)
        {
            TokensChecked = tokensChecked,
            Untimestamped = untimestamped,
            Pending = pending,
        };
    }

    /// <summary>
    /// An observation must point at a version with the same text and text blob, be anchored to a version whose chain hash
    /// it holds, not come before that version, and its own hash must recompute. Its text blob is the version's, already
    /// re-hashed above.
    /// </summary>
    private static IEnumerable<VerificationProblem> ObservationProblems(DocumentId id, IReadOnlyList<VersionRecord> versions, IReadOnlyList<VariantObservation> seen)
    {
        var bySequence = versions.ToDictionary(v => v.Sequence);
        foreach (var observation in seen)
        {
            var at = HashChain.FormatTime(observation.CapturedAt);
            VerificationProblem Problem(string what) => new(id, null, $"observation at {at}: {what}");
            if (!bySequence.TryGetValue(observation.Sequence, out var version)) { yield return Problem($"returns to version {observation.Sequence}, which is not in the ledger"); continue; }
            if (version.TextSha256 != observation.TextSha256 || version.TextBlob != observation.TextBlob)
                yield return Problem($"says version {observation.Sequence}'s text is {Short(observation.TextSha256)} ({observation.TextBlob}), the ledger says {Short(version.TextSha256)} ({version.TextBlob})");
            if (!bySequence.TryGetValue(observation.AnchorSequence, out var anchor) || anchor.ChainHash != observation.AnchorChainHash)
                yield return Problem($"anchored to version {observation.AnchorSequence} with chain hash {Short(observation.AnchorChainHash)}, which the ledger does not hold");
            else if (observation.CapturedAt < anchor.CapturedAt)
                yield return Problem($"seen before version {anchor.Sequence} it is anchored to");
            if (observation.Sequence > observation.AnchorSequence)
                yield return Problem($"returns to version {observation.Sequence}, later than its anchor {observation.AnchorSequence}");
            var hash = VariantObservation.HashOf(observation.AnchorChainHash, observation.TextSha256, observation.CapturedAt, observation.Sequence);
            if (hash != observation.ObservationHash) yield return Problem($"hash {Short(observation.ObservationHash)} should be {Short(hash)}: the row was altered");
        }
    }

    /// <summary>Every document the ledger, the catalog or the container knows, so that one whose rows were deleted is still checked.</summary>
    private async Task<IReadOnlyList<DocumentId>> AllDocumentsAsync(IEnumerable<DocumentId> withBlobs, CancellationToken ct)
    {
        var all = new SortedSet<DocumentId>(Comparer<DocumentId>.Create((a, b) => string.CompareOrdinal(a.ToString(), b.ToString())));
        foreach (var id in await ledger.ListDocumentsAsync(ct)) all.Add(id);
        foreach (var document in await catalog.ListAsync(ct: ct)) all.Add(document.Id);
        foreach (var id in withBlobs) all.Add(id);
        return all.ToList();
    }

    private async Task<Dictionary<DocumentId, HashSet<string>>> BlobsByDocumentAsync(DocumentId? only, CancellationToken ct)
    {
        var byDocument = new Dictionary<DocumentId, HashSet<string>>();
        foreach (var name in await archive.ListAsync(only?.BlobPrefix, ct))
        {
            var parts = name.Split('/');
            var id = parts.Length == 3 ? new DocumentId(parts[0], parts[1]) : new DocumentId(parts[0], "");
            if (!byDocument.TryGetValue(id, out var names)) byDocument[id] = names = new HashSet<string>(StringComparer.Ordinal);
            names.Add(name);
        }
        return byDocument;
    }

    private static string Short(string? sha) => sha is null ? "(none)" : sha.Length > 12 ? sha[..12] : sha;
}

public sealed record VerificationProblem(DocumentId Document, long? Sequence, string Problem)
{
    public override string ToString() => Sequence is { } n ? $"{Document} version {n}: {Problem}" : $"{Document}: {Problem}";
}

public sealed record VerificationReport(int Documents, int Versions, int Blobs, IReadOnlyList<VerificationProblem> Problems, int Observations = 0)
{
    public bool Passed => Problems.Count == 0;

    /// <summary>Stored timestamp tokens checked (valid or not).</summary>
    public int TokensChecked { get; init; }

    /// <summary>Versions with no token that never claimed or asked for one (timestamping was off): not a fault, reported apart.</summary>
    public IReadOnlyList<(DocumentId Document, long Sequence)> Untimestamped { get; init; } = [];

    /// <summary>
    /// Versions whose chain says a token was asked for at capture and that have none yet, within
    /// <see cref="EvidenceOptions.PendingTokenGrace"/>: not a fault yet (after it, each is a problem).
    /// </summary>
    public IReadOnlyList<(DocumentId Document, long Sequence)> Pending { get; init; } = [];
}
