using Snapshots.Text;
namespace Snapshots.Archive;

/// <summary>
/// Puts back a version's raw blobs that went missing (a store that lost acknowledged writes), from bytes fetched again:
/// a blob is written (create-only) only from bytes that hash to the SHA-256 recorded for it, so evidence is never replaced
/// by something else.
/// </summary>
public sealed class RawBlobRestorer(SnapshotArchive archive)
{
    /// <summary>The blobs of <paramref name="version"/> restored from <paramref name="bodies"/> (those missing and matched by hash).</summary>
    public async Task<IReadOnlyList<string>> RestoreAsync(VersionRecord version, IEnumerable<byte[]> bodies, CancellationToken ct = default)
    {
        var byHash = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var body in bodies) byHash.TryAdd(Sha256Hex.Of(body), body);
        var restored = new List<string>();
        foreach (var source in version.RawSources())
        {
            if (!byHash.TryGetValue(source.Sha256, out var body) || await archive.ExistsAsync(source.Blob, ct)) continue;
            if (await archive.WriteOnceAsync(source.Blob, body, source.MediaType, ct)) restored.Add(source.Blob);
        }
        return restored;
    }

    /// <summary>The version's raw blobs that are not in the container.</summary>
    public async Task<IReadOnlyList<RawSource>> MissingAsync(VersionRecord version, CancellationToken ct = default)
    {
        var missing = new List<RawSource>();
        foreach (var source in version.RawSources())
            if (!await archive.ExistsAsync(source.Blob, ct)) missing.Add(source);
        return missing;
    }
}
