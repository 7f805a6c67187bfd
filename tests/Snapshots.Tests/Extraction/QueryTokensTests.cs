using Snapshots.Extraction;

namespace Snapshots.Tests.Extraction;

public class QueryTokensTests
{
    private static string Normalize(string url) => LinkNormalizer.Normalize(new Uri(url));

    [Theory]
    // an attribution id that is a fresh UUID at every fetch, next to stable parameters
    [InlineData("https://app.example.ai/signup?ref=privacy&attribution_id=6f1c2d7a-93b4-4e0f-9a51-0c7d2e8b4f13&lang=en",
        "https://app.example.ai/signup?ref=privacy&attribution_id={token}&lang=en")]
    // a UUID that starts with letters, upper case, in braces
    [InlineData("https://www.example.com/contact?visitor={ABCDEFAB-1234-4CDE-8F90-0123456789AB}",
        "https://www.example.com/contact?visitor={token}")]
    // 32-character hex device id, and a prefixed one (anon_...)
    [InlineData("https://help.example.com/hc/en-us/requests/new?device_id=9f86d081884c7d659a2feaa0c55ad015&ticket_form_id=360001",
        "https://help.example.com/hc/en-us/requests/new?device_id={token}&ticket_form_id=360001")]
    [InlineData("https://example.com/opt-out?aid=anon_4b9e2f61c0d84a7e93b1f2a6c5d7e8f0",
        "https://example.com/opt-out?aid={token}")]
    // base64url nonce and a percent-encoded base64 state value
    [InlineData("https://accounts.example.com/login?return_to=%2Fprivacy&state=Zk3pQ9xV2mL7tR4wB8nC1yH6",
        "https://accounts.example.com/login?return_to=%2Fprivacy&state={token}")]
    [InlineData("https://example.com/l?s=aGVsbG8gV29ybGQ2MDI0Nzg5MA%3D%3D",
        "https://example.com/l?s={token}")]
    // a JWT in a magic link
    [InlineData("https://example.com/manage?jwt=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk",
        "https://example.com/manage?jwt={token}")]
    public void Per_request_token_values_are_masked_and_the_rest_of_the_link_kept(string url, string expected)
    {
        Assert.Equal(expected, Normalize(url));
    }

    [Fact]
    public void Two_fetches_that_differ_only_in_the_token_give_the_same_link()
    {
        var first = Normalize("https://www.example.ai/download?platform=mac&_dl=3c0b1f2e-7d4a-4c9b-b1e2-8f6a5d4c3b2a");
        var second = Normalize("https://www.example.ai/download?platform=mac&_dl=a71e0c94-52d3-4e8f-9b60-1d2c3e4f5a6b");
        Assert.Equal(first, second);
    }

    [Theory]
    // the path changed: another document
    [InlineData("https://example.com/legal/privacy-2025?cid=6f1c2d7a-93b4-4e0f-9a51-0c7d2e8b4f13",
        "https://example.com/legal/privacy-2026?cid=6f1c2d7a-93b4-4e0f-9a51-0c7d2e8b4f13")]
    // the host changed
    [InlineData("https://eu.example.com/dpa?cid=6f1c2d7a-93b4-4e0f-9a51-0c7d2e8b4f13",
        "https://us.example.com/dpa?cid=6f1c2d7a-93b4-4e0f-9a51-0c7d2e8b4f13")]
    // a stable parameter changed next to a token
    [InlineData("https://example.com/terms?version=3&nonce=Zk3pQ9xV2mL7tR4wB8nC1yH6",
        "https://example.com/terms?version=4&nonce=Zk3pQ9xV2mL7tR4wB8nC1yH6")]
    // the parameter carrying the token is renamed
    [InlineData("https://example.com/terms?ref=6f1c2d7a-93b4-4e0f-9a51-0c7d2e8b4f13",
        "https://example.com/terms?src=6f1c2d7a-93b4-4e0f-9a51-0c7d2e8b4f13")]
    public void A_changed_link_target_is_still_a_change(string before, string after)
    {
        Assert.NotEqual(Normalize(before), Normalize(after));
    }

    [Theory]
    [InlineData("360001234567")]        // long numeric article id (Zendesk)
    [InlineData("3f2a9c1b7e")]          // short hex record id
    [InlineData("2026-05-18")]          // a date
    [InlineData("privacy-policy-eu")]   // a slug
    [InlineData("en-US")]
    [InlineData("v2")]
    [InlineData("deadbeefdeadbeefdeadbeef")] // hex without a digit: a word-like value, not a random id
    [InlineData("TermsOfServiceForBusinessCustomers")] // long but no digit
    public void Document_identifying_values_are_not_tokens(string value)
    {
        Assert.False(QueryTokens.IsPerRequestToken(value), value);
        Assert.Equal($"https://example.com/doc?id={value}", Normalize($"https://example.com/doc?id={value}"));
    }

    [Fact]
    public void Parameters_without_a_value_and_empty_queries_are_left_alone()
    {
        Assert.Equal("?print&lang=en", QueryTokens.MaskValues("?print&lang=en"));
        Assert.Equal("", QueryTokens.MaskValues(""));
    }
}
