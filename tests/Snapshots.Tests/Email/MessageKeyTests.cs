using Snapshots.Email;
using Snapshots.Messaging;
using Snapshots.Storage;

namespace Snapshots.Tests.Email;

public sealed class MessageKeyTests
{
    [Fact]
    public void Alert_keys_name_the_document_and_the_new_text_hash()
    {
        var sha = new string('a', 64);
        Assert.Equal($"alert:mistral-ai/privacy-policy:{sha}", AlertEmail.KeyFor("mistral-ai/privacy-policy", sha));
        Assert.NotEqual(AlertEmail.KeyFor("x/y", sha), AlertEmail.KeyFor("x/y", new string('b', 64)));
    }

    [Fact]
    public void Digest_keys_name_the_iso_week_so_a_week_gets_one_digest()
    {
        var monday = new DateTimeOffset(2026, 11, 16, 7, 0, 0, TimeSpan.Zero);
        Assert.Equal("digest:2026-W47", DigestEmail.KeyFor(IsoWeek.Of(monday).ToString()));
        Assert.Equal(DigestEmail.KeyFor(IsoWeek.Of(monday).ToString()), DigestEmail.KeyFor(IsoWeek.Of(monday.AddDays(6)).ToString()));
        Assert.Equal("digest:2026-W53", DigestEmail.KeyFor(IsoWeek.Of(new DateTimeOffset(2027, 1, 1, 7, 0, 0, TimeSpan.Zero)).ToString()));
    }

    [Fact]
    public void An_alert_request_survives_the_queue_codec()
    {
        var request = new EmailRequest(EmailRequest.CurrentVersion, AlertEmail.Kind, new string('c', 64), AlertEmail.KeyFor("a/b", "ff"), "a/b", 3);

        var decoded = QueueMessageCodec.Decode<EmailRequest>(QueueNames.Emails, QueueMessageCodec.Encode(request), EmailRequest.CurrentVersion);

        Assert.Equal(request, decoded);
    }
}
