using System.Text;
using Azure.Data.Tables;

namespace Snapshots.Provisions;

/// <summary>
/// A <see cref="ProvisionMap"/> as a row of the <c>provisions</c> table: a compact binary encoding (<see cref="Format"/>) in
/// binary properties <c>Data0</c>, <c>Data1</c>, ... of at most 64 KiB each (a table property's limit), with the version's
/// sequence and text hash in plain properties. A row holds at most 15 such parts (960 KiB, under the 1 MiB an entity may
/// hold). Rows of format 1 (gzip-compressed JSON) are read by <see cref="ProvisionMapFormat1"/>.
/// </summary>
/// <remarks>
/// Format 2, in the order written (integers as 7-bit variable-length, strings as UTF-8 with that length first, as
/// <see cref="BinaryWriter"/> writes them): the distinct headings; the provisions, each its id, slug, flags (the splitter's
/// slug differs from the lineage's, and then it follows), ordinal, kind, its headings' places in the list of headings,
/// start and length of its range, its context ranges, and its SHA-256 as 32 bytes; the events, each its kind, flags (text
/// changed, moved, renumbered, current ids the same as the previous ones), similarity in ten-thousandths, previous ids and
/// (unless the same) current ids; the retired slugs. Written and read without a serializer or a compressor, it takes as
/// many bytes as format 1's gzip-compressed JSON (about 130 a provision on the replay pages), and the JSON and gzip that
/// it saves were a quarter of what provisions cost a first check (benchmarks/results/cpu-provisions-bound.md).
/// </remarks>
internal static class ProvisionMapCodec
{
    public const int Format = 2;
    private const int PartBytes = 64 * 1024;
    private const int MaxParts = 15;

    [Flags]
    private enum ProvisionFlags : byte { None = 0, OwnSlug = 1 }

    [Flags]
    private enum EventFlags : byte { None = 0, TextChanged = 1, Moved = 2, Renumbered = 4, SameIds = 8 }

    public static TableEntity ToEntity(string partitionKey, string rowKey, ProvisionMap map)
    {
        var bytes = Encode(map);
        var parts = (bytes.Length + PartBytes - 1) / PartBytes;
        if (parts > MaxParts)
            throw new InvalidOperationException($"the provisions of version {map.Sequence} take {bytes.Length} bytes, more than a table row holds ({MaxParts * PartBytes})");

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
        var row = $"{entity.PartitionKey}/{entity.RowKey}";
        var format = entity.GetInt32("Format");
        if (format is not (1 or Format)) throw new InvalidDataException($"provisions row {row} has format {format}, not 1 or {Format}");
        var parts = entity.GetInt32("Parts") ?? 0;
        using var data = new MemoryStream();
        for (var i = 0; i < parts; i++)
            data.Write(entity.GetBinary($"Data{i}") ?? throw new InvalidDataException($"provisions row {row} lacks Data{i}"));
        data.Position = 0;
        var (provisions, events, retired) = format == 1 ? ProvisionMapFormat1.Read(data, row) : Decode(data, row);
        return new ProvisionMap(entity.GetInt64("Sequence") ?? 0, entity.GetString("TextSha256") ?? "", provisions, events, retired);
    }

    private static byte[] Encode(ProvisionMap map)
    {
        using var buffer = new MemoryStream(64 + map.Provisions.Count * 96 + map.Events.Count * 24);
        using var writer = new BinaryWriter(buffer, Encoding.UTF8);
        var headings = new Dictionary<string, int>(StringComparer.Ordinal);
        var headingList = new List<string>();
        foreach (var tracked in map.Provisions)
            foreach (var heading in tracked.Provision.HeadingPath)
                if (headings.TryAdd(heading, headingList.Count)) headingList.Add(heading);
        WriteStrings(writer, headingList);

        writer.Write7BitEncodedInt(map.Provisions.Count);
        Span<byte> sha = stackalloc byte[32];
        foreach (var (id, slug, provision) in map.Provisions)
        {
            writer.Write(id);
            writer.Write(slug);
            var ownSlug = provision.Slug != slug;
            writer.Write((byte)(ownSlug ? ProvisionFlags.OwnSlug : ProvisionFlags.None));
            if (ownSlug) writer.Write(provision.Slug);
            writer.Write7BitEncodedInt(provision.Ordinal);
            writer.Write((byte)provision.Kind);
            writer.Write7BitEncodedInt(provision.HeadingPath.Count);
            foreach (var heading in provision.HeadingPath) writer.Write7BitEncodedInt(headings[heading]);
            writer.Write7BitEncodedInt(provision.Range.Start);
            writer.Write7BitEncodedInt(provision.Range.Length);
            writer.Write7BitEncodedInt(provision.Context.Count);
            foreach (var context in provision.Context)
            {
                writer.Write7BitEncodedInt(context.Start);
                writer.Write7BitEncodedInt(context.Length);
            }
            if (Convert.FromHexString(provision.Sha256, sha, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32
                || provision.Sha256.AsSpan().ContainsAnyInRange('A', 'F'))
                throw new InvalidOperationException($"provision {id} of version {map.Sequence} has a SHA-256 that is not 64 lower-case hexadecimal digits: {provision.Sha256}");
            writer.Write(sha);
        }

        writer.Write7BitEncodedInt(map.Events.Count);
        foreach (var e in map.Events)
        {
            var sameIds = e.PreviousIds.SequenceEqual(e.CurrentIds, StringComparer.Ordinal);
            writer.Write((byte)e.Kind);
            writer.Write((byte)((e.TextChanged ? EventFlags.TextChanged : 0) | (e.Moved ? EventFlags.Moved : 0) | (e.Renumbered ? EventFlags.Renumbered : 0)
                | (sameIds ? EventFlags.SameIds : 0)));
            writer.Write7BitEncodedInt((int)Math.Round(Math.Clamp(e.Similarity, 0, 1) * 10_000));
            WriteStrings(writer, e.PreviousIds);
            if (!sameIds) WriteStrings(writer, e.CurrentIds);
        }
        WriteStrings(writer, map.RetiredSlugs);
        writer.Flush();
        return buffer.ToArray();
    }

    private static (List<TrackedProvision>, List<ProvisionEvent>, IReadOnlyList<string>) Decode(Stream data, string row)
    {
        using var reader = new BinaryReader(data, Encoding.UTF8);
        try
        {
            var headings = ReadStrings(reader);
            var provisionCount = Count(reader);
            var provisions = new List<TrackedProvision>(provisionCount);
            (int[] Places, IReadOnlyList<string> Path) last = ([], []);
            for (var i = 0; i < provisionCount; i++)
            {
                var id = reader.ReadString();
                var slug = reader.ReadString();
                var flags = (ProvisionFlags)reader.ReadByte();
                var ownSlug = flags.HasFlag(ProvisionFlags.OwnSlug) ? reader.ReadString() : slug;
                var ordinal = reader.Read7BitEncodedInt();
                var kind = (ProvisionKind)reader.ReadByte();
                var places = new int[Count(reader)];
                for (var h = 0; h < places.Length; h++) places[h] = reader.Read7BitEncodedInt();
                // One list per run of provisions under the same headings, as the splitter made them.
                if (!places.AsSpan().SequenceEqual(last.Places))
                    last = (places, Array.ConvertAll(places, h => (uint)h < (uint)headings.Count ? headings[h]
                        : throw new FormatException($"provision {id} names heading {h} of {headings.Count}")));
                var range = new TextRange(reader.Read7BitEncodedInt(), reader.Read7BitEncodedInt());
                var contextCount = Count(reader);
                var context = new List<TextRange>(contextCount);
                for (var c = 0; c < contextCount; c++) context.Add(new TextRange(reader.Read7BitEncodedInt(), reader.Read7BitEncodedInt()));
                var sha = Convert.ToHexStringLower(reader.ReadBytes(32) is { Length: 32 } bytes ? bytes : throw new EndOfStreamException());
                provisions.Add(new TrackedProvision(id, slug, new Provision(ordinal, kind, last.Path, range, context, sha, ownSlug)));
            }

            var eventCount = Count(reader);
            var events = new List<ProvisionEvent>(eventCount);
            for (var i = 0; i < eventCount; i++)
            {
                var kind = (ProvisionEventKind)reader.ReadByte();
                var flags = (EventFlags)reader.ReadByte();
                var similarity = reader.Read7BitEncodedInt() / 10_000.0;
                var previous = ReadStrings(reader);
                var current = flags.HasFlag(EventFlags.SameIds) ? previous : ReadStrings(reader);
                events.Add(new ProvisionEvent(kind, previous, current, similarity, flags.HasFlag(EventFlags.TextChanged), flags.HasFlag(EventFlags.Moved),
                    flags.HasFlag(EventFlags.Renumbered)));
            }
            var retired = ReadStrings(reader);
            if (data.Position != data.Length) throw new FormatException($"{data.Length - data.Position} bytes after the map");
            return (provisions, events, retired);
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or ArgumentOutOfRangeException)
        {
            throw new InvalidDataException($"provisions row {row} is cut short or malformed: {e.Message}", e);
        }
    }

    /// <summary>A count read from the row: never more than the bytes left could hold (a corrupt count fails here, not in an allocation).</summary>
    private static int Count(BinaryReader reader)
    {
        var count = reader.Read7BitEncodedInt();
        return count >= 0 && count <= reader.BaseStream.Length - reader.BaseStream.Position ? count
            : throw new FormatException($"a count of {count} with {reader.BaseStream.Length - reader.BaseStream.Position} bytes left");
    }

    private static void WriteStrings(BinaryWriter writer, IReadOnlyList<string> strings)
    {
        writer.Write7BitEncodedInt(strings.Count);
        foreach (var s in strings) writer.Write(s);
    }

    private static List<string> ReadStrings(BinaryReader reader)
    {
        var count = Count(reader);
        var strings = new List<string>(count);
        for (var i = 0; i < count; i++) strings.Add(reader.ReadString());
        return strings;
    }
}
