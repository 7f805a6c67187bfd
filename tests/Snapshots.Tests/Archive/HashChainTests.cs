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
}
