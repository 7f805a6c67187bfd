using System.Collections.Concurrent;
using Snapshots.Archive;
using Snapshots.Catalog;

namespace Snapshots.Provisions;

/// <summary>
/// Reads provisions as the web face, the API, the CLI and alerts show them: a version's provisions with their clause types,
/// one provision's history, and every platform's provisions of one clause type. Reads only: a version whose provisions are
/// not built yet has none here (checks build them; <c>snapshots provisions build</c> builds the archive's). A classified
/// version is kept in memory by its text hash (a recorded text never changes), a few hundred at most.
/// </summary>
public sealed class ProvisionReader(DocumentCatalog catalog, VersionLedger ledger, SnapshotArchive archive, ProvisionLedger provisions, ClauseClassifier classifier)
{
    private const int KeptVersions = 256;
    private readonly ConcurrentDictionary<(string Document, long Sequence, string TextSha256), ProvisionedVersion> _kept = new();

    public ClauseTypeCatalog Catalog => classifier.Catalog;

    /// <summary>A version's provisions; null when the version does not exist or its provisions are not built.</summary>
    public async Task<ProvisionedVersion?> VersionAsync(DocumentRecord document, long sequence, CancellationToken ct = default)
    {
        if (sequence < 1 || sequence > document.VersionCount) return null;
        var version = await ledger.FindAsync(document.Id, sequence, ct);
        return version is null ? null : await VersionAsync(document, version, ct);
    }

    public async Task<ProvisionedVersion?> VersionAsync(DocumentRecord document, VersionRecord version, CancellationToken ct = default)
    {
        var key = (document.Id.ToString(), version.Sequence, version.TextSha256);
        if (_kept.TryGetValue(key, out var kept)) return kept with { Document = document };
        var map = await provisions.FindAsync(document.Id, version.Sequence, ct);
        if (map is null) return null;
        var provisioned = Classify(document, version, await archive.ReadTextAsync(version.TextBlob, ct), map);
        if (_kept.Count >= KeptVersions) _kept.Clear();
        _kept[key] = provisioned;
        return provisioned;
    }

    /// <summary>The provisions of a version whose map and text are in hand (pure).</summary>
    public ProvisionedVersion Classify(DocumentRecord document, VersionRecord version, string text, ProvisionMap map) =>
        new(document, version, text, map, map.Provisions.Select(p => ClassifiedProvision.Of(p, text, classifier)).ToList());

    /// <summary>
    /// The history of the provision with this slug (or id), as the document's maps record it; null when no version has it.
    /// A slug is looked up in the latest version first, then in earlier ones (a removed provision keeps its page).
    /// </summary>
    public async Task<ProvisionHistory?> HistoryAsync(DocumentRecord document, string slugOrId, CancellationToken ct = default)
    {
        var maps = await provisions.ListAsync(document.Id, ct);
        var id = maps.AsEnumerable().Reverse().Select(m => m.FindBySlug(slugOrId)?.Id ?? m.FindById(slugOrId)?.Id).FirstOrDefault(i => i is not null);
        if (id is null) return null;

        var versions = (await ledger.ListAsync(document.Id, ct)).ToDictionary(v => v.Sequence);
        var texts = new Dictionary<long, string>();
        async Task<string> TextOf(long sequence) => texts.TryGetValue(sequence, out var t) ? t : texts[sequence] = await archive.ReadTextAsync(versions[sequence].TextBlob, ct);

        var changes = new List<ProvisionChange>();
        ProvisionMap? previous = null;
        ProvisionMap? lastWithIt = null;
        foreach (var map in maps)
        {
            var now = map.FindById(id);
            var removedHere = now is null && previous?.FindById(id) is not null;
            if (now is not null) lastWithIt = map;
            if ((now is not null || removedHere) && map.EventOf(id) is { } e && (e.IsChange || previous is null) && versions.ContainsKey(map.Sequence))
            {
                var before = previous?.FindById(Lineage(e, id)) is { } was ? was.Provision.Text(await TextOf(previous.Sequence)) : null;
                var after = now?.Provision.Text(await TextOf(map.Sequence));
                changes.Add(new ProvisionChange(versions[map.Sequence], e, e.Kind == ProvisionEventKind.Added ? null : before, after));
            }
            previous = map;
        }
        if (lastWithIt is null || !versions.TryGetValue(lastWithIt.Sequence, out var lastVersion)) return null;
        var latest = await VersionAsync(document, lastVersion, ct);
        if (latest is null) return null;
        var current = latest.Find(id)!;
        return new ProvisionHistory(document, id, current.Slug, changes, latest, current, lastWithIt.Sequence != maps[^1].Sequence);
    }

    /// <summary>The previous id a provision had: its own for a followed one, the kept one for a merge.</summary>
    private static string Lineage(ProvisionEvent e, string id) => e.PreviousIds.Contains(id) ? id : e.PreviousId ?? id;

    /// <summary>
    /// The provisions version <paramref name="sequence"/> changed, in its order (removals where they stood before); empty when
    /// its provisions (or its predecessor's) are not built.
    /// </summary>
    public async Task<IReadOnlyList<ChangedProvision>> ChangesAsync(DocumentRecord document, long sequence, CancellationToken ct = default)
    {
        if (sequence < 2) return [];
        var now = await VersionAsync(document, sequence, ct);
        var before = await VersionAsync(document, sequence - 1, ct);
        if (now is null || before is null) return [];
        return now.Map.Events.Where(e => e.IsChange)
            .Select(e => new ChangedProvision(e, e.PreviousId is { } was ? before.FindId(was) : null, e.CurrentId is { } id ? now.FindId(id) : null))
            .Where(c => c.Before is not null || c.After is not null)
            .ToList();
    }

    /// <summary>
    /// Every tracked document's latest provisions of a clause type, by platform: what "how other platforms handle this" and a
    /// clause type's page show.
    /// </summary>
    public async Task<ClauseTypeAcrossPlatforms> AcrossPlatformsAsync(string typeId, CancellationToken ct = default) =>
        (await AcrossPlatformsAsync([typeId], ct))[0];

    /// <summary>
    /// <see cref="AcrossPlatformsAsync(string, CancellationToken)"/> for several clause types at once, in the order given, reading
    /// each document's latest version once (a provision page with several types, the index of every type).
    /// </summary>
    public async Task<IReadOnlyList<ClauseTypeAcrossPlatforms>> AcrossPlatformsAsync(IReadOnlyList<string> typeIds, CancellationToken ct = default)
    {
        var documents = await catalog.ListAsync(ct: ct);
        var latest = new List<ProvisionedVersion>();
        foreach (var document in documents.Where(d => d.VersionCount > 0))
            if (await VersionAsync(document, document.VersionCount, ct) is { } version) latest.Add(version);
        var platforms = documents.Select(d => d.PartitionKey).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return typeIds.Select(typeId => new ClauseTypeAcrossPlatforms(typeId, platforms,
            latest.SelectMany(v => v.OfType(typeId).Select(p => new ClassifiedProvisionOf(v, p))).ToList())).ToList();
    }
}

/// <summary>A provision with the version it belongs to.</summary>
public sealed record ClassifiedProvisionOf(ProvisionedVersion Version, ClassifiedProvision Provision)
{
    public string Platform => Version.Document.PartitionKey;
}

/// <summary>Every tracked platform's latest provisions of one clause type.</summary>
/// <param name="Platforms">Every tracked platform's slug (those without such a provision too).</param>
public sealed record ClauseTypeAcrossPlatforms(string TypeId, IReadOnlyList<string> Platforms, IReadOnlyList<ClassifiedProvisionOf> Provisions)
{
    public IReadOnlyList<string> PlatformsWith => Provisions.Select(p => p.Platform).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>How many of the other platforms (not <paramref name="platform"/>) have the type, of how many others there are.</summary>
    public (int With, int Of) AmongOthers(string platform) =>
        (PlatformsWith.Count(p => p != platform), Platforms.Count(p => p != platform));

    /// <summary>"3 of 12 platforms", or "Unique · 0 of 12 platforms" when no other platform has it.</summary>
    public string Describe(string platform)
    {
        var (with, of) = AmongOthers(platform);
        var counted = $"{with} of {of} {(of == 1 ? "platform" : "platforms")}";
        return with == 0 ? $"Unique · {counted}" : counted;
    }
}
