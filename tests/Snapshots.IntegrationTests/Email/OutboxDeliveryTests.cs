using MimeKit;
using Snapshots.Email;
using Snapshots.Messaging;
using Snapshots.Pipeline;
using Snapshots.Storage;

namespace Snapshots.IntegrationTests.Email;

/// <summary>Without an API key: a tracked page changes, the change is announced on the queue, the alert lands in the outbox.</summary>
public sealed class OutboxDeliveryTests
{
    [Fact]
    public async Task A_page_change_ends_in_the_outbox_with_the_diff_excerpt_and_the_evidence()
    {
        await using var fixture = await EmailFixture.StartAsync();
        var notices = (await fixture.Pipeline.Storage.Queue(QueueNames.Changes).ReceiveMessagesAsync(32)).Value
            .Select(m => QueueMessageCodec.Decode<ChangeNotice>(QueueNames.Changes, m.MessageText, ChangeNotice.CurrentVersion))
            .ToList();
        var notice = Assert.Single(notices, n => n.Sequence == 2);
        Assert.Equal(1, await fixture.Pipeline.Get<FanOutChangeHandler>().HandleAsync(QueueMessageCodec.Encode(notice)));

        var queued = (await fixture.Pipeline.Storage.Queue(QueueNames.Emails).ReceiveMessagesAsync()).Value.Single();
        var result = await fixture.Handler.HandleAsync(queued.MessageText);

        Assert.Equal(SendStatus.Sent, result.Status);
        var eml = Assert.Single(Directory.GetFiles(fixture.Outbox, "*.eml"));
        var html = Assert.Single(Directory.GetFiles(fixture.Outbox, "*.html"));
        Assert.Equal(eml, result.Reference);
        Assert.Contains("-alert-", Path.GetFileName(eml));
        Assert.Contains("mistral-ai-privacy-policy", Path.GetFileName(eml));

        using var mime = await MimeMessage.LoadAsync(eml);
        Assert.StartsWith("[high] Mistral AI changed its Privacy Policy", mime.Subject);
        Assert.Equal(EmailFixture.Email, mime.To.Mailboxes.Single().Address);
        Assert.StartsWith("<mailto:unsubscribe@", mime.Headers["List-Unsubscribe"]);
        Assert.Equal("multipart/alternative", mime.Body!.ContentType.MimeType);
        Assert.Contains("[-30-][+90+]", mime.TextBody!.Replace(" ", ""));
        Assert.Contains(notice.TextSha256, mime.TextBody!);
        Assert.Contains(notice.PreviousTextSha256!, mime.TextBody);
        Assert.Contains("Cite as:", mime.TextBody);

        var page = await File.ReadAllTextAsync(html);
        Assert.Contains("<del style=", page);
        Assert.Contains(notice.TextSha256, page);
        Assert.Contains($"href=\"{fixture.Site.Site.Url("/privacy").AbsoluteUri}\"", page);
        // The footer links to the one-click unsubscribe page and the manage page on the public site (default base URL).
        Assert.Contains("href=\"http://localhost:7071/unsubscribe?token=", page);
        Assert.Contains("href=\"http://localhost:7071/subscription?token=", page);
        Assert.Contains(", <http://localhost:7071/unsubscribe?token=", mime.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", mime.Headers["List-Unsubscribe-Post"]);
        Assert.DoesNotContain(ComposedEmail.UnsubscribePlaceholder, page);
        Assert.DoesNotContain("window.analytics", page);
        Assert.Equal(DeliveryStates.Sent, (await fixture.DeliveryAsync(queued.MessageText))!.State);
    }

    [Fact]
    public async Task A_digest_in_the_outbox_lists_the_change_and_the_window()
    {
        await using var fixture = await EmailFixture.StartAsync();

        var result = await fixture.Handler.HandleAsync(fixture.DigestMessage());

        Assert.Equal(SendStatus.Sent, result.Status);
        using var mime = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(fixture.Outbox, "*-digest-*.eml")));
        Assert.Contains("1 change on 1 platform", mime.Subject);
        Assert.Contains("Privacy Policy, version 2", mime.TextBody);
    }
}
