using ICSharpCode.SharpZipLib.Zip.Compression;

namespace Snapshots.Archive;

/// <summary>One gzip member of a WARC file: where it starts, how many compressed bytes it takes, and the record it holds.</summary>
internal sealed record WarcMember(long Offset, long Length, byte[] Record);

/// <summary>
/// Splits a gzip WARC file (one member per record, as <see cref="WarcWriter"/> writes and ISO 28500 recommends) into its
/// members with their exact compressed offsets and lengths, the numbers a CDXJ index gives a replay tool to seek to one record.
/// .NET's own GZipStream reads concatenated members as one stream and does not tell where each ends; SharpZipLib's raw
/// <see cref="Inflater"/> says how much input it consumed. Each member's header (RFC 1952) is parsed, its deflate data inflated,
/// and its trailer checked (ISIZE against the inflated size, CRC-32 against the bytes): anything else is refused with
/// <see cref="InvalidDataException"/> naming the offset.
/// </summary>
internal static class WarcRecordOffsets
{
    private const byte FlagHeaderCrc = 0x02, FlagExtra = 0x04, FlagName = 0x08, FlagComment = 0x10;

    public static IReadOnlyList<WarcMember> Split(byte[] gzip)
    {
        var members = new List<WarcMember>();
        var at = 0;
        while (at < gzip.Length)
        {
            var start = at;
            at = SkipHeader(gzip, at);
            var inflater = new Inflater(noHeader: true);
            inflater.SetInput(gzip, at, gzip.Length - at);
            using var record = new MemoryStream();
            var buffer = new byte[64 * 1024];
            while (!inflater.IsFinished)
            {
                int count;
                try { count = inflater.Inflate(buffer); }
                catch (Exception e) when (e is ICSharpCode.SharpZipLib.SharpZipBaseException)
                {
                    throw new InvalidDataException($"the gzip member at byte {start} does not inflate: {e.Message}");
                }
                if (count == 0 && (inflater.IsNeedingInput || inflater.IsNeedingDictionary))
                    throw new InvalidDataException($"the gzip member at byte {start} ends before its deflate data does");
                record.Write(buffer, 0, count);
            }
            at += checked((int)inflater.TotalIn);
            if (gzip.Length - at < 8) throw new InvalidDataException($"the gzip member at byte {start} has no trailer");
            var bytes = record.ToArray();
            var crc = BitConverter.ToUInt32(gzip, at);
            var size = BitConverter.ToUInt32(gzip, at + 4);
            if (size != (uint)bytes.Length || crc != Crc32Of(bytes))
                throw new InvalidDataException($"the gzip member at byte {start} does not match its trailer (CRC-32 or size)");
            at += 8;
            members.Add(new WarcMember(start, at - start, bytes));
        }
        return members;
    }

    private static uint Crc32Of(byte[] bytes)
    {
        var crc = new ICSharpCode.SharpZipLib.Checksum.Crc32();
        crc.Update(new ArraySegment<byte>(bytes));
        return (uint)crc.Value;
    }

    /// <summary>The offset of the deflate data after the member header at <paramref name="at"/>.</summary>
    private static int SkipHeader(byte[] gzip, int at)
    {
        var start = at;
        if (gzip.Length - at < 10 || gzip[at] != 0x1f || gzip[at + 1] != 0x8b || gzip[at + 2] != 8)
            throw new InvalidDataException($"no gzip member starts at byte {start}");
        var flags = gzip[at + 3];
        at += 10;
        if ((flags & FlagExtra) != 0)
        {
            if (gzip.Length - at < 2) throw new InvalidDataException($"the gzip member at byte {start} has a cut extra field");
            at += 2 + (gzip[at] | gzip[at + 1] << 8);
        }
        if ((flags & FlagName) != 0) at = AfterZero(gzip, at, start);
        if ((flags & FlagComment) != 0) at = AfterZero(gzip, at, start);
        if ((flags & FlagHeaderCrc) != 0) at += 2;
        if (at >= gzip.Length) throw new InvalidDataException($"the gzip member at byte {start} has a header and no data");
        return at;
    }

    private static int AfterZero(byte[] gzip, int at, int start)
    {
        var zero = Array.IndexOf(gzip, (byte)0, at);
        if (zero < 0) throw new InvalidDataException($"the gzip member at byte {start} has an unterminated header field");
        return zero + 1;
    }
}
