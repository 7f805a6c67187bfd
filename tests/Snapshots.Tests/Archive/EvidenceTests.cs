using Snapshots.Text;
using System.Formats.Asn1;
using System.Security.Cryptography;
using Snapshots.Archive;

namespace Snapshots.Tests.Archive;

public sealed class EvidenceTests
{
    private static readonly DateTimeOffset Time = new(2026, 11, 22, 7, 30, 15, 123, TimeSpan.Zero);

    [Fact]
    public void A_bundles_chain_input_is_exactly_the_bytes_whose_sha256_is_the_chain_hash()
    {
        var text = Sha256Hex.Of("text");
        var input = EvidenceBundleLayout.ChainInput(HashChain.Genesis, text, Time);

        Assert.Equal(HashChain.Next(HashChain.Genesis, text, Time), Sha256Hex.Of(input));
        Assert.Equal([HashChain.Genesis, text, "2026-11-22T07:30:15.123Z"], input.Split('\n'));
        Assert.False(input.EndsWith('\n'));
    }

    [Theory]
    [InlineData(0, 60)]
    [InlineData(1, 120)]
    [InlineData(3, 480)]
    [InlineData(12, 7200)]
    [InlineData(40, 7200)]
    public void Retry_delays_double_up_to_the_maximum(int attempt, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), new EvidenceOptions().DelayAfter(attempt));
    }

    [Fact]
    public void Retry_delays_are_whole_seconds_and_never_zero_because_queue_delays_are_counted_in_seconds()
    {
        var options = new EvidenceOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(200), RetryMaxDelay = TimeSpan.FromMilliseconds(1500) };

        Assert.Equal(TimeSpan.FromSeconds(1), options.DelayAfter(0));
        Assert.Equal(TimeSpan.FromSeconds(1), options.DelayAfter(2));
        Assert.Equal(TimeSpan.FromSeconds(2), options.DelayAfter(5));
    }

    [Fact]
    public void Timestamping_is_off_unless_an_authority_is_named()
    {
        Assert.False(new EvidenceOptions().Enabled);
        Assert.False(new EvidenceOptions { TimestampAuthorities = ["", "  "] }.Enabled);
        Assert.True(new EvidenceOptions { TimestampAuthorities = ["http://timestamp.example/"] }.Enabled);
    }

    [Fact]
    public void A_response_that_refuses_or_is_not_der_is_named_as_such()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        using (writer.PushSequence())
            writer.WriteInteger(2); // rejection
        var rejection = writer.Encode();

        Assert.Contains("did not grant", Assert.Throws<CryptographicException>(() => TimestampResponse.ReadToken(rejection)).Message);
        Assert.Contains("not an RFC 3161 timestamp response", Assert.Throws<CryptographicException>(() => TimestampResponse.ReadToken("<html>503</html>"u8.ToArray())).Message);
    }

    [Fact]
    public void VERIFY_md_gives_three_shell_steps_and_carries_the_previous_chain_hash_of_a_partial_export()
    {
        var previous = Sha256Hex.Of("version 4");
        var manifest = Manifest(from: 5, previous);

        var instructions = VerifyInstructions.Render(manifest, hasTokens: true, hasTrustAnchors: true, EvidenceVerdict.Of(0, 1, 1));

        Assert.Equal(3, instructions.Split("```sh").Length - 1);
        Assert.Contains("sha256sum -c manifest-sha256.txt && sha256sum -c tagmanifest-sha256.txt", instructions);
        Assert.Contains("Verified with a trusted time", instructions);
        Assert.Contains($"prev={previous};", instructions);
        Assert.Contains("version 4's chain hash", instructions);
        // The root comes from outside the bundle (TSA_ROOT), never from the anchors shipped in it.
        Assert.Contains("openssl ts -verify -data \"$d/chain.txt\" -in \"$t\" -CAfile \"$TSA_ROOT\" -untrusted data/tsa/certs.pem", instructions);
        Assert.DoesNotContain("-CAfile data/tsa/", instructions);
    }

    [Fact]
    public void VERIFY_md_without_tokens_says_so_and_runs_no_openssl_step()
    {
        var instructions = VerifyInstructions.Render(Manifest(from: 1, HashChain.Genesis), hasTokens: false, hasTrustAnchors: false, EvidenceVerdict.Of(0, 1, 0));

        Assert.Equal(2, instructions.Split("```sh").Length - 1);
        Assert.Contains("No version in this bundle has a timestamp token", instructions);
        // What a token-less bundle can prove is said plainly: integrity only, no time, no origin.
        Assert.Contains("Integrity only", instructions);
        Assert.Contains("It is evidence of integrity, not of time or origin.", instructions);
        Assert.DoesNotContain("Verified with a trusted time", instructions);
        Assert.DoesNotContain("openssl ts -verify", instructions);
    }

    private static EvidenceManifest Manifest(long from, string previous)
    {
        var text = Sha256Hex.Of("text");
        var chain = HashChain.Next(previous, text, Time);
        var version = new EvidenceVersion(from, Time, "https://example.com/privacy", text, text, null, previous, chain, "decl", "live",
            EvidenceBundleLayout.Text(from), EvidenceBundleLayout.Chain(from), [], null, "citation");
        return new EvidenceManifest(EvidenceManifest.CurrentFormat, "example-ai/privacy-policy", "Example AI", "Privacy Policy", Time, from, from,
            "formula", previous, new EvidenceDeclaration("declaration.json", "decl"), "anchors", [version]);
    }
}
