using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;

namespace Snapshots.Provisions;

/// <summary>
/// A <see cref="ProvisionMap"/> as a row of the <c>provisions</c> table: compact JSON, gzip-compressed, in binary properties
/// <c>Data0</c>, <c>Data1</c>, ... of at most 64 KiB each (a table property's limit), with the version's sequence and text
/// hash in plain properties. A row holds at most 15 such parts (960 KiB, under the 1 MiB an entity may hold).
/// </summary>
internal static partial class ProvisionMapCodec
{
    public const int Format = 1;
    private const int PartBytes = 64 * 1024;
    private const int MaxParts = 15;

    public static TableEntity ToEntity(string partitionKey, string rowKey, ProvisionMap map)
    {
        var stored = new StoredMap(
            map.Provisions.Select(t => new StoredProvision(t.Id, t.Slug, t.Provision.Ordinal, (int)t.Provision.Kind, t.Provision.HeadingPath,
                t.Provision.Range.Start, t.Provision.Range.Length, t.Provision.Context.SelectMany(c => new[] { c.Start, c.Length }).ToArray(), t.Provision.Sha256,
                t.Provision.Slug)).ToList(),
            map.Events.Select(e => new StoredEvent((int)e.Kind, e.PreviousIds, e.CurrentIds, Math.Round(e.Similarity, 4), e.TextChanged, e.Moved, e.Renumbered)).ToList(),
            map.RetiredSlugs);
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            JsonSerializer.Serialize(gzip, stored, StoredJson.Default.StoredMap);
        var bytes = buffer.ToArray();
        var parts = (bytes.Length + PartBytes - 1) / PartBytes;
        if (parts > MaxParts)
            throw new InvalidOperationException($"the provisions of version {map.Sequence} take {bytes.Length} bytes compressed, more than a table row holds ({MaxParts * PartBytes})");

        var entity = new TableEntity(partitionKey, rowKey)
        {
            ["Sequence"] = map.Sequence,
            ["TextSha256"] = map.TextSha256,
            ["Format"] = Format,
            ["Count"] = map.Provisions.Count,
            ["Parts"] = parts,
        };
        for (var i = 0; i < parts; i++)
            entity[$"Data{i}"] = bytes.AsSpan(i * PartBytes, Math.Min(PartBytes, bytes.Length - i * PartBytes)).ToArray();
        return entity;
    }

    public static ProvisionMap FromEntity(TableEntity entity)
    {
        var format = entity.GetInt32("Format");
        if (format != Format) throw new InvalidDataException($"provisions row {entity.PartitionKey}/{entity.RowKey} has format {format}, not {Format}");
        var parts = entity.GetInt32("Parts") ?? 0;
        using var compressed = new MemoryStream();
        for (var i = 0; i < parts; i++)
            compressed.Write(entity.GetBinary($"Data{i}") ?? throw new InvalidDataException($"provisions row {entity.PartitionKey}/{entity.RowKey} lacks Data{i}"));
        compressed.Position = 0;
        using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
        var stored = JsonSerializer.Deserialize(gzip, StoredJson.Default.StoredMap)
            ?? throw new InvalidDataException($"provisions row {entity.PartitionKey}/{entity.RowKey} is empty");

        var provisions = stored.P.Select(p => new TrackedProvision(p.I, p.S,
            new Provision(p.O, (ProvisionKind)p.K, p.H, new TextRange(p.A, p.L), Ranges(p.C), p.X, p.N))).ToList();
        var events = stored.E.Select(e => new ProvisionEvent((ProvisionEventKind)e.K, e.P, e.C, e.S, e.T, e.M, e.R)).ToList();
        return new ProvisionMap(entity.GetInt64("Sequence") ?? 0, entity.GetString("TextSha256") ?? "", provisions, events, stored.R);
    }

    private static List<TextRange> Ranges(int[] flat)
    {
        var ranges = new List<TextRange>(flat.Length / 2);
        for (var i = 0; i + 1 < flat.Length; i += 2) ranges.Add(new TextRange(flat[i], flat[i + 1]));
        return ranges;
    }

    /// <summary>
    /// The rows' JSON, generated at build time: the reflection-based serializer built its accessors with Reflection.Emit and
    /// compiled them in every process that wrote or read a row (a first check writes one per document).
    /// </summary>
    [JsonSerializable(typeof(StoredMap))]
    private sealed partial class StoredJson : JsonSerializerContext;

    /// <summary>Short names: a map of a long policy holds a few hundred of these.</summary>
    private sealed record StoredMap(List<StoredProvision> P, List<StoredEvent> E, IReadOnlyList<string> R);

    /// <param name="N">The slug the splitter proposed (the lineage's <see cref="TrackedProvision.Slug"/> is <paramref name="S"/>).</param>
    /// <param name="K">The <see cref="ProvisionKind"/> as its number (as the JSON always held it; a plain int needs no serializer
    /// code compiled for the enum at run time).</param>
    private sealed record StoredProvision(string I, string S, int O, int K, IReadOnlyList<string> H, int A, int L, int[] C, string X, string N);

    /// <param name="K">The <see cref="ProvisionEventKind"/> as its number.</param>
    private sealed record StoredEvent(int K, IReadOnlyList<string> P, IReadOnlyList<string> C, double S, bool T, bool M, bool R);
}
