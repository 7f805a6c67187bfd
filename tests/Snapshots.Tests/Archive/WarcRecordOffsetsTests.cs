using System.IO.Compression;
using System.Text;
using Snapshots.Archive;

namespace Snapshots.Tests.Archive;

/// <summary>
/// <see cref="WarcRecordOffsets"/> on what <see cref="WarcWriter"/> writes: each member found at its exact offset (the members
/// tile the file, and each one alone inflates with .NET's own GZipStream to the record it returns), headers read by
/// <see cref="WarcRecordHead"/>, and a cut, altered or foreign file refused naming the byte where it breaks.
/// </summary>
public sealed class WarcRecordOffsetsTests
{
    private static readonly DateTimeOffset Time = new(2026, 12, 6, 21, 0, 5, 250, TimeSpan.Zero);

    private static byte[] Warc()
    {
        var writer = new WarcWriter();
        writer.Append("warcinfo", null, Time, "application/warc-fields", "software: test\r\n"u8.ToArray());
        writer.Append("response", "https://www.example.com/privacy", Time, "application/http;msgtype=response",
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>kept 30 days</p>"u8.ToArray(), payloadSha256: Snapshots.Text.Sha256Hex.Of("<p>kept 30 days</p>"u8));
        writer.Append("resource", "urn:screenshot:https://www.example.com/privacy", Time, "image/png", new byte[200_000]);
        return writer.ToArray();
    }

    [Fact]
    public void Each_member_is_found_at_its_offset_and_inflates_alone_to_its_record()
    {
        var warc = Warc();

        var members = WarcRecordOffsets.Split(warc);

        Assert.Equal(3, members.Count);
        Assert.Equal(0, members[0].Offset);
        for (var i = 1; i < members.Count; i++) Assert.Equal(members[i - 1].Offset + members[i - 1].Length, members[i].Offset);
        Assert.Equal(warc.Length, members[^1].Offset + members[^1].Length);
        foreach (var member in members)
        {
            using var alone = new GZipStream(new MemoryStream(warc, (int)member.Offset, (int)member.Length), CompressionMode.Decompress);
            using var inflated = new MemoryStream();
            alone.CopyTo(inflated);
            Assert.Equal(inflated.ToArray(), member.Record);
        }
        var heads = members.Select(m => WarcRecordHead.Parse(m.Record, m.Offset)).ToList();
        Assert.Equal(["warcinfo", "response", "resource"], heads.Select(h => h.Type));
        Assert.Equal((200, "text/html; charset=utf-8"), (heads[1].HttpStatus!.Value, heads[1].HttpContentType));
        Assert.Equal(WarcWriter.Digest("<p>kept 30 days</p>"u8), heads[1].Digest);
        Assert.Equal(WarcWriter.Digest(new byte[200_000]), heads[2].Digest);
        Assert.Equal("2026-12-06T21:00:05.250Z", heads[1].Date);
    }

    [Fact]
    public void A_cut_an_altered_or_a_foreign_file_is_refused_naming_the_byte()
    {
        var warc = Warc();
        var second = WarcRecordOffsets.Split(warc)[1].Offset;

        var cut = Assert.Throws<InvalidDataException>(() => WarcRecordOffsets.Split(warc[..^3]));
        var altered = warc.ToArray();
        altered[^6] ^= 0x01;
        var trailer = Assert.Throws<InvalidDataException>(() => WarcRecordOffsets.Split(altered));
        var foreign = Assert.Throws<InvalidDataException>(() => WarcRecordOffsets.Split([.. warc[..(int)second], .. Encoding.ASCII.GetBytes("WARC/1.1\r\n")]));

        Assert.Contains("at byte", cut.Message);
        Assert.Contains("does not match its trailer", trailer.Message);
        Assert.Equal($"no gzip member starts at byte {second}", foreign.Message);
    }

    [Theory]
    [InlineData("https://www.Example.com/Privacy?z=1&a=2", "com,example)/privacy?a=2&z=1")]
    [InlineData("http://127.0.0.1:8080/privacy", "1,0,0,127:8080)/privacy")]
    [InlineData("https://example.com:443/", "com,example)/")]
    [InlineData("urn:dom:https://example.com/", "urn:dom:https://example.com/")]
    public void A_SURT_key_is_the_one_webrecorder_computes(string url, string key) => Assert.Equal(key, SurtKey.Of(url));

    [Fact]
    public void A_CDXJ_line_has_key_time_and_the_fields_a_replay_tool_seeks_with_and_the_TLS_metadata_is_not_indexed()
    {
        var heads = WarcRecordOffsets.Split(Warc()).Select(m => (m, WarcRecordHead.Parse(m.Record, m.Offset))).ToList();
        var (member, response) = heads[1];

        var line = CdxjIndex.Line(response, 1000 + member.Offset, member.Length, "data.warc.gz");

        Assert.Equal($"com,example)/privacy 20261206210005 {{\"url\":\"https://www.example.com/privacy\",\"mime\":\"text/html\",\"status\":\"200\",\"digest\":\"{response.Digest}\",\"length\":\"{member.Length}\",\"offset\":\"{1000 + member.Offset}\",\"filename\":\"data.warc.gz\"}}", line);
        Assert.Equal([false, true, true], heads.Select(h => CdxjIndex.Indexes(h.Item2)));
        var metadata = response with { Type = "metadata", ContentType = "application/warc-fields" };
        Assert.False(CdxjIndex.Indexes(metadata));
        Assert.Equal("a\nb\n", Encoding.UTF8.GetString(CdxjIndex.Render(["b", "a"])));
    }
}
