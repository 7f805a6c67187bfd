using Snapshots.Text;
using Snapshots.Archive;

namespace Snapshots.Tests.Archive;

public sealed class HashChainTests
{
    private static readonly DateTimeOffset Time = new(2026, 11, 22, 7, 30, 15, 123, TimeSpan.Zero);

    [Fact]
    public void Sha256_is_lower_case_hex_of_utf8()
    {
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Sha256Hex.Of(""));
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256Hex.Of("abc"));
    }

    [Fact]
    public void A_link_hashes_the_previous_link_the_text_hash_and_the_capture_time()
    {
        var text = Sha256Hex.Of("text");
        var link = HashChain.Next(HashChain.Genesis, text, Time);
        Assert.Equal(Sha256Hex.Of($"{HashChain.Genesis}\n{text}\n2026-11-22T07:30:15.123Z"), link);
        Assert.NotEqual(link, HashChain.Next(HashChain.Genesis, text, Time.AddMilliseconds(1)));
        Assert.NotEqual(link, HashChain.Next(link, text, Time));
        Assert.NotEqual(link, HashChain.Next(HashChain.Genesis, Sha256Hex.Of("other"), Time));
    }

    [Fact]
    public void Capture_times_are_kept_to_the_millisecond_in_any_offset()
    {
        var precise = Time.AddTicks(4567);
        Assert.Equal(Time, HashChain.Truncate(precise));
        Assert.Equal(HashChain.Next(HashChain.Genesis, "x", Time), HashChain.Next(HashChain.Genesis, "x", precise.ToOffset(TimeSpan.FromHours(2))));
    }

    [Fact]
    public void Raw_hash_of_one_source_is_its_own_and_of_several_is_order_sensitive()
    {
        Assert.Equal("aa", RawHash.Of(["aa"]));
        Assert.NotEqual(RawHash.Of(["aa", "bb"]), RawHash.Of(["bb", "aa"]));
    }

    [Fact]
    public void A_format_2_row_keeps_the_exact_link_bytes_it_was_written_with()
    {
        var row = Row(format: 2, new RawSource("https://example.com/p", "https://example.com/p", "text/html", "aa", "x/y/aa.html"));

        // The line as format 2 always wrote it: sources without WARC fields, marker /2.
        Assert.Equal($"{HashChain.Genesis}\n{row.TextSha256}\n2026-11-22T07:30:15.123Z\nsnapshots-chain/2 "
            + "{\"sequence\":1,\"previousTextSha256\":null,\"comparedWithSha256\":null,\"textBlob\":\"x/y/t.md\",\"rawSha256\":\"aa\","
            + "\"sources\":[{\"url\":\"https://example.com/p\",\"finalUrl\":\"https://example.com/p\",\"mediaType\":\"text/html\",\"sha256\":\"aa\",\"blob\":\"x/y/aa.html\"}],"
            + "\"declarationSha256\":\"d\",\"origin\":\"live\",\"timestampRequested\":false}", HashChain.InputOf(row));
    }

    [Fact]
    public void A_format_3_link_covers_each_sources_WARC_digest_and_a_changed_one_breaks_it()
    {
        var source = new RawSource("https://example.com/p", "https://example.com/p", "text/html", "aa", "x/y/aa.html", "bb", "x/y/bb.warc.gz");
        var row = Row(format: 3, source);
        row.ChainHash = HashChain.Of(row)!;

        Assert.Contains("\nsnapshots-chain/3 {", HashChain.InputOf(row));
        Assert.Contains("\"warcSha256\":\"bb\",\"warcBlob\":\"x/y/bb.warc.gz\"", HashChain.InputOf(row));
        Assert.Empty(VersionEvidence.RowProblems(row));
        var altered = Row(format: 3, source with { WarcSha256 = "cc" });
        altered.ChainHash = row.ChainHash;
        Assert.Contains(VersionEvidence.RowProblems(altered), p => p.Contains("WARC hash"));
        // The same fields read as format 2 give another link: a row cannot pass for the other format.
        Assert.NotEqual(row.ChainHash, HashChain.Of(Row(format: 2, source)));
    }

    private static VersionRecord Row(int? format, RawSource source) => new()
    {
        Sequence = 1,
        CapturedAt = Time,
        TextSha256 = Sha256Hex.Of("text"),
        RawSha256 = source.Sha256,
        TextBlob = "x/y/t.md",
        RawSourcesJson = System.Text.Json.JsonSerializer.Serialize(new[] { source }, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)),
        ChainFormat = format,
        TimestampRequested = format is null ? null : false,
        DeclarationSha256 = "d",
    };
}
