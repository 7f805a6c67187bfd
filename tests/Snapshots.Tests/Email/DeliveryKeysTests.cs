using Snapshots.Email;

namespace Snapshots.Tests.Email;

public sealed class DeliveryKeysTests
{
    [Theory]
    [InlineData("digest:2026-W47", "digest~3A2026-W47")]
    [InlineData("alert:mistral-ai/privacy-policy:ab12", "alert~3Amistral-ai~2Fprivacy-policy~3Aab12")]
    [InlineData("a#b?c\\d~e", "a~23b~3Fc~5Cd~7Ee")]
    public void Encodes_characters_tables_refuse(string key, string expected)
    {
        Assert.Equal(expected, DeliveryKeys.Encode(key));
        Assert.Equal(key, DeliveryKeys.Decode(expected));
    }

    [Fact]
    public void Alert_key_round_trips_without_forbidden_characters()
    {
        var key = AlertEmail.KeyFor("mistral-ai/privacy-policy", new string('f', 64));
        var encoded = DeliveryKeys.Encode(key);
        Assert.DoesNotContain(encoded, c => c is '/' or '\\' or '#' or '?' or ':' || char.IsControl(c));
        Assert.Equal(key, DeliveryKeys.Decode(encoded));
    }

    [Fact]
    public void Non_ascii_round_trips()
    {
        const string key = "digest:é\u2014week";
        Assert.Equal(key, DeliveryKeys.Decode(DeliveryKeys.Encode(key)));
    }

    [Fact]
    public void A_broken_escape_is_a_clear_error()
    {
        var error = Assert.Throws<FormatException>(() => DeliveryKeys.Decode("alert~3"));
        Assert.Contains("alert~3", error.Message);
    }

    [Fact]
    public void Outbox_file_names_are_short_safe_and_name_kind_subscriber_and_key()
    {
        var name = OutboxFileName.Of(new DateTimeOffset(2026, 11, 18, 7, 42, 5, TimeSpan.Zero), "alert", new string('3', 64),
            AlertEmail.KeyFor("mistral-ai/privacy-policy", "8c1d2e3f4a5b" + new string('0', 52)));
        Assert.Equal("20261118T074205-alert-333333333333-mistral-ai-privacy-policy-8c1d2e3f4a5b", name);
    }
}
