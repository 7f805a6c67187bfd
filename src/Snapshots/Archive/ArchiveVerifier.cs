using Snapshots.Text;
using Snapshots.Catalog;

namespace Snapshots.Archive;

/// <summary>
/// Re-hashes every archived blob, recomputes every document's hash chain from the ledger, checks every stored timestamp
/// token (<see cref="TimestampValidator"/>), and cross-checks the document row, the ledger and the blobs: every blob of a
/// document belongs to one of its versions, and the document row's count and current hash are the ledger's last row.
/// Each problem names the document, the version and the blob or field at fault. Versions without a token are listed
/// apart: they are not a fault (timestamping may be off or pending).
/// </summary>
public sealed class ArchiveVerifier(VersionLedger ledger, ObservationLog observations, SnapshotArchive archive, DocumentCatalog catalog, TimestampValidator timestamps)
{
    public async Task<VerificationReport> VerifyAsync(DocumentId? only = null, CancellationToken ct = default)
    {
        var blobsByDocument = await BlobsByDocumentAsync(only, ct);
        var documents = only is { } one ? [one] : await AllDocumentsAsync(blobsByDocument.Keys, ct);
        var problems = new List<VerificationProblem>();
        var untimestamped = new List<(DocumentId, long)>();
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
            long expectedSequence = 1;
            foreach (var version in versions)
            {
                versionsChecked++;
                void Problem(string what) => problems.Add(new VerificationProblem(id, version.Sequence, what));

                if (version.Sequence != expectedSequence) Problem($"sequence {version.Sequence} where {expectedSequence} was expected (a version is missing)");
                expectedSequence = version.Sequence + 1;
                if (version.PreviousChainHash != previousChain) Problem($"previous chain hash {Short(version.PreviousChainHash)} does not match version {version.Sequence - 1}'s chain hash {Short(previousChain)}");
                if (version.PreviousTextSha256 != previousText) Problem($"previous SHA-256 {Short(version.PreviousTextSha256)} does not match version {version.Sequence - 1}'s {Short(previousText)}");
                var chain = HashChain.Next(version.PreviousChainHash, version.TextSha256, version.CapturedAt);
                if (chain != version.ChainHash) Problem($"chain hash {Short(version.ChainHash)} should be {Short(chain)}: the row was altered");

                blobsChecked++;
                referenced.Add(version.TextBlob);
                await CheckBlobAsync(version.TextBlob, version.TextSha256, Problem, ct);
                var sources = version.RawSources();
                foreach (var source in sources)
                {
                    blobsChecked++;
                    referenced.Add(source.Blob);
                    await CheckBlobAsync(source.Blob, source.Sha256, Problem, ct);
                }
                if (RawHash.Of(sources.Select(s => s.Sha256).ToList()) != version.RawSha256)
                    Problem($"raw SHA-256 {Short(version.RawSha256)} does not match its sources");

                var token = SnapshotArchive.TimestampBlobName(id, version.ChainHash);
                referenced.Add(token);
                if (blobs.Contains(token))
                {
                    tokensChecked++;
                    await CheckTokenAsync(version, token, Problem, ct);
                }
                else if (version.IsTimestamped) Problem($"the row says timestamped by {version.TimestampSigner} at {Time(version.TimestampGenTime)} but its token snapshots/{token} is missing");
                else untimestamped.Add((id, version.Sequence));

                previousChain = version.ChainHash;
                previousText = version.TextSha256;
            }

            foreach (var orphan in blobs.Where(b => !referenced.Contains(b)).Order(StringComparer.Ordinal))
                problems.Add(new VerificationProblem(id, null, $"blob snapshots/{orphan} belongs to no version in the ledger (a version row was removed or altered?)"));

            var document = await catalog.FindAsync(id, ct);
            var last = versions.Count > 0 ? versions[^1] : null;
            if (document is not null && (document.VersionCount != (last?.Sequence ?? 0) || document.CurrentSha256 != last?.TextSha256))
                problems.Add(new VerificationProblem(id, null, last is null
                    ? $"document row says version {document.VersionCount} ({Short(document.CurrentSha256)}) but the ledger has no versions"
                    : $"document row says version {document.VersionCount} ({Short(document.CurrentSha256)}) but the ledger ends at version {last.Sequence} ({Short(last.TextSha256)})"));

            var seen = await observations.ListAsync(id, ct);
            observationsChecked += seen.Count;
            problems.AddRange(ObservationProblems(id, versions, seen));
            if (document?.ServedSequence is { } served && !versions.Any(v => v.Sequence == served && v.TextSha256 == document.ServedSha256))
                problems.Add(new VerificationProblem(id, null, $"document row says it serves version {served}'s text ({Short(document.ServedSha256)}), which no version has"));
            foreach (var version in versions.Where(v => v.ComparedWithSha256 is not null && !versions.Any(o => o.Sequence < v.Sequence && o.TextSha256 == v.ComparedWithSha256)))
                problems.Add(new VerificationProblem(id, version.Sequence, $"compared with {Short(version.ComparedWithSha256)}, the text of no earlier version"));
        }
        return new VerificationReport(documents.Count, versionsChecked, blobsChecked, problems, observationsChecked)
        {
            TokensChecked = tokensChecked,
            Untimestamped = untimestamped,
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

    private async Task CheckTokenAsync(VersionRecord version, string blob, Action<string> problem, CancellationToken ct)
    {
        var verdict = timestamps.Check(await archive.ReadAsync(blob, ct), version.ChainHash, version.CapturedAt);
        foreach (var p in verdict.Problems) problem($"timestamp token snapshots/{blob}: {p}");
        if (!verdict.Valid || verdict.Facts is not { } facts) return;
        if (!version.IsTimestamped) problem($"timestamp token snapshots/{blob} is valid but the row does not record it (verify --repair records it)");
        else if (version.TimestampSerial != facts.Serial || version.TimestampGenTime != facts.GenTime)
            problem($"the row's timestamp (serial {version.TimestampSerial}, {Time(version.TimestampGenTime)}) is not the token's (serial {facts.Serial}, {Time(facts.GenTime)})");
    }

    private async Task CheckBlobAsync(string blobName, string expectedSha, Action<string> problem, CancellationToken ct)
    {
        try
        {
            var actual = Sha256Hex.Of(await archive.ReadAsync(blobName, ct));
            if (actual != expectedSha) problem($"blob snapshots/{blobName} hashes to {Short(actual)}, recorded {Short(expectedSha)}: its content was altered");
            else if (!blobName.Contains(expectedSha, StringComparison.Ordinal)) problem($"blob snapshots/{blobName} is not named by its hash");
        }
        catch (MissingSnapshotException)
        {
            problem($"blob snapshots/{blobName} is missing");
        }
    }

    private static string Time(DateTimeOffset? time) => time is { } t ? HashChain.FormatTime(t) : "(none)";

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

    /// <summary>Versions with no token stored: not a fault, reported apart from bad tokens.</summary>
    public IReadOnlyList<(DocumentId Document, long Sequence)> Untimestamped { get; init; } = [];
}
