using Microsoft.Extensions.Options;
using Snapshots.Catalog;
using Snapshots.Ledger;

namespace Snapshots.Tests.Ledger;

/// <summary>Checkpoints in the C2SP signed-note format, Ed25519 signatures, and leaves as canonical text.</summary>
public sealed class CheckpointSignerTests
{
    private static CheckpointSigner Signer(string? key = null) =>
        new(Options.Create(new LogOptions { SigningKey = key ?? CheckpointSigner.NewKey(), Origin = "example.org/log" }));

    [Fact]
    public void A_signed_checkpoint_reads_back_and_verifies_only_with_its_own_key_and_text()
    {
        var signer = Signer();
        var body = new CheckpointBody("example.org/log", 7, new byte[32], new DateTimeOffset(2026, 12, 6, 18, 0, 0, TimeSpan.Zero));
        var note = signer.Sign(body.Text);

        Assert.StartsWith("example.org/log\n7\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\ntime 2026-12-06T18:00:00.0000000Z\n\n\u2014 example.org/log ", note);
        var parsed = SignedNote.Parse(note)!;
        var read = CheckpointBody.Parse(parsed.Body)!;
        Assert.Equal((body.Origin, body.Size, body.Time), (read.Origin, read.Size, read.Time));
        Assert.Equal(body.Root, read.Root);
        Assert.Equal(CheckpointSigner.KeyId("example.org/log", signer.PublicKey!), parsed.Signatures[0].KeyId);
        Assert.True(CheckpointSigner.Verify(parsed, "example.org/log", signer.PublicKey!));
        Assert.False(CheckpointSigner.Verify(parsed, "example.org/log", Signer().PublicKey!));
        Assert.False(CheckpointSigner.Verify(SignedNote.Parse(note.Replace("\n7\n", "\n8\n"))!, "example.org/log", signer.PublicKey!));
        Assert.Contains("-----BEGIN PUBLIC KEY-----", signer.PublicKeyPem);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    public void A_bad_key_is_refused_naming_the_setting(string key)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Signer(key));
        Assert.Contains("Log__SigningKey", error.Message);
    }

    [Fact]
    public void Without_a_key_nothing_can_be_signed()
    {
        var signer = new CheckpointSigner(Options.Create(new LogOptions()));
        Assert.False(signer.CanSign);
        Assert.Throws<InvalidOperationException>(() => signer.Sign("x\n"));
    }

    [Fact]
    public void A_leaf_reads_back_from_its_canonical_text_and_an_altered_text_does_not()
    {
        var leaf = LogLeaf.OfCheck(DocumentId.Parse("example-ai/privacy-policy"), new DateTimeOffset(2026, 12, 6, 18, 0, 0, TimeSpan.Zero), new string('a', 64));
        Assert.Equal(leaf, LogLeaf.Parse(leaf.Text));
        Assert.Null(LogLeaf.Parse(leaf.Text.Replace("kind check", "kind nothing")));
        Assert.Null(LogLeaf.Parse(leaf.Text + "extra 1\n"));
        Assert.Equal(PendingLogEntry.Of(leaf).RowKey, PendingLogEntry.Of(leaf).RowKey);
        Assert.StartsWith("~log~privacy-policy~c", PendingLogEntry.Of(leaf).RowKey);
    }
}
