using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Email;
using Snapshots.Messaging;
using Snapshots.Pipeline;
using Snapshots.Subscribers;

namespace Snapshots.IntegrationTests.Email;

/// <summary>SendEmailHandler with the real SendGrid client against a loopback endpoint that records <c>POST /v3/mail/send</c>.</summary>
public sealed class SendGridDeliveryTests
{
    [Fact]
    public async Task The_same_request_delivered_twice_sends_one_email()
    {
        await using var endpoint = await RecordingSendGridEndpoint.StartAsync();
        await using var fixture = await EmailFixture.StartAsync(endpoint.Host);
        var message = fixture.AlertMessage();

        var first = await fixture.Handler.HandleAsync(message);
        var second = await fixture.Handler.HandleAsync(message);

        Assert.Equal(SendStatus.Sent, first.Status);
        Assert.Equal(SendStatus.AlreadyDone, second.Status);
        Assert.Single(endpoint.Requests);
        var row = await fixture.DeliveryAsync(message);
        Assert.Equal((DeliveryStates.Sent, 1, "test-message-1"), (row!.State, row.Attempts, row.Reference));
    }

    [Fact]
    public async Task Throttled_then_accepted_sends_once_after_a_retry()
    {
        await using var endpoint = await RecordingSendGridEndpoint.StartAsync();
        await using var fixture = await EmailFixture.StartAsync(endpoint.Host);
        endpoint.Answer(429, 202);
        var message = fixture.AlertMessage();

        var error = await Assert.ThrowsAsync<RetryableSendException>(() => fixture.Handler.HandleAsync(message));
        Assert.Equal(429, error.Status);
        Assert.Equal(DeliveryStates.Retrying, (await fixture.DeliveryAsync(message))!.State);

        var retry = await fixture.Handler.HandleAsync(message);
        var again = await fixture.Handler.HandleAsync(message);

        Assert.Equal((SendStatus.Sent, SendStatus.AlreadyDone), (retry.Status, again.Status));
        Assert.Equal(2, endpoint.Requests.Count);
        var row = await fixture.DeliveryAsync(message);
        Assert.Equal((DeliveryStates.Sent, 2), (row!.State, row.Attempts));
    }

    [Fact]
    public async Task A_server_error_is_retryable_too()
    {
        await using var endpoint = await RecordingSendGridEndpoint.StartAsync();
        await using var fixture = await EmailFixture.StartAsync(endpoint.Host);
        endpoint.Answer(503);

        var error = await Assert.ThrowsAsync<RetryableSendException>(() => fixture.Handler.HandleAsync(fixture.AlertMessage()));
        Assert.Equal(503, error.Status);
    }

    [Fact]
    public async Task A_bad_request_is_recorded_as_failed_permanently_and_not_retried()
    {
        await using var endpoint = await RecordingSendGridEndpoint.StartAsync();
        await using var fixture = await EmailFixture.StartAsync(endpoint.Host);
        endpoint.Answer(400);
        var message = fixture.AlertMessage();

        var first = await fixture.Handler.HandleAsync(message);
        var redelivered = await fixture.Handler.HandleAsync(message);

        Assert.Equal(SendStatus.Rejected, first.Status);
        Assert.Equal(SendStatus.AlreadyDone, redelivered.Status);
        Assert.Single(endpoint.Requests);
        var row = await fixture.DeliveryAsync(message);
        Assert.Equal(DeliveryStates.FailedPermanently, row!.State);
        Assert.Equal(400, row.FailureStatus);
        Assert.Contains("answered 400 by the test endpoint", row.Detail);
    }

    [Fact]
    public async Task The_request_carries_html_and_text_the_unsubscribe_group_the_header_and_the_message_key()
    {
        await using var endpoint = await RecordingSendGridEndpoint.StartAsync();
        await using var fixture = await EmailFixture.StartAsync(endpoint.Host);
        var message = fixture.AlertMessage();

        await fixture.Handler.HandleAsync(message);

        var request = Assert.Single(endpoint.Requests);
        Assert.Equal("Bearer SG.test-key", request.Headers["Authorization"]);
        Assert.StartsWith("[high] Mistral AI changed its Privacy Policy", request.Subject);
        Assert.Contains("<del", request.Content("text/html"));
        Assert.Contains("[+90+]", request.Content("text/plain"));
        Assert.Contains(SendGridEmailSender.GroupUnsubscribeTag, request.Content("text/html"));
        Assert.Equal(1111, request.Body.GetProperty("asm").GetProperty("group_id").GetInt32());
        var personalization = request.Body.GetProperty("personalizations")[0];
        Assert.Equal(EmailFixture.Email, personalization.GetProperty("to")[0].GetProperty("email").GetString());
        Assert.StartsWith("<mailto:unsubscribe@snapshots.test?subject=unsubscribe%20alert%20",
            personalization.GetProperty("headers").GetProperty("List-Unsubscribe").GetString());
        Assert.Equal(AlertEmail.KeyFor(fixture.Document.ToString(), fixture.CurrentSha),
            personalization.GetProperty("custom_args").GetProperty("message_key").GetString());
        Assert.Equal("alert", request.Body.GetProperty("categories")[0].GetString());
    }

    [Fact]
    public async Task A_digest_uses_the_digest_group_and_moves_the_subscribers_window()
    {
        await using var endpoint = await RecordingSendGridEndpoint.StartAsync();
        await using var fixture = await EmailFixture.StartAsync(endpoint.Host);

        var result = await fixture.Handler.HandleAsync(fixture.DigestMessage());

        Assert.Equal(SendStatus.Sent, result.Status);
        var request = Assert.Single(endpoint.Requests);
        Assert.Equal(2222, request.Body.GetProperty("asm").GetProperty("group_id").GetInt32());
        Assert.Contains("1 change on 1 platform", request.Subject);
        var subscriber = await fixture.Pipeline.Storage.Subscribers.GetEntityAsync<SubscriberRecord>(EmailFixture.SubscriberId, SubscriberRecord.ProfileRowKey);
        Assert.NotNull(subscriber.Value.LastDigestThrough);
    }

    [Fact]
    public async Task A_suppressed_subscriber_gets_nothing_and_the_delivery_says_why()
    {
        await using var endpoint = await RecordingSendGridEndpoint.StartAsync();
        await using var fixture = await EmailFixture.StartAsync(endpoint.Host, suppressed: true);
        var message = fixture.AlertMessage();

        var result = await fixture.Handler.HandleAsync(message);

        Assert.Equal(SendStatus.Suppressed, result.Status);
        Assert.Empty(endpoint.Requests);
        Assert.Equal(DeliveryStates.Suppressed, (await fixture.DeliveryAsync(message))!.State);
    }

    [Fact]
    public async Task A_malformed_message_throws_before_anything_is_recorded()
    {
        await using var endpoint = await RecordingSendGridEndpoint.StartAsync();
        await using var fixture = await EmailFixture.StartAsync(endpoint.Host);
        var wrongKind = QueueMessageCodec.Encode(new EmailRequest(1, "sms", EmailFixture.SubscriberId, "sms:1"));

        await Assert.ThrowsAsync<MalformedMessageException>(() => fixture.Handler.HandleAsync("{not json"));
        var error = await Assert.ThrowsAsync<MalformedMessageException>(() => fixture.Handler.HandleAsync(wrongKind));

        Assert.Contains("'sms'", error.Message);
        Assert.Empty(endpoint.Requests);
        var rows = 0;
        await foreach (var _ in fixture.Pipeline.Storage.Deliveries.QueryAsync<DeliveryRecord>()) rows++;
        Assert.Equal(0, rows);
    }
}
