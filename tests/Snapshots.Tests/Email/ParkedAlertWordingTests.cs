using Snapshots.Email;

namespace Snapshots.Tests.Email;

/// <summary>What the digest tells a reader whose alerts could not be sent, and the delivery id transports find a send by.</summary>
public sealed class ParkedAlertWordingTests
{
    [Fact]
    public void The_digest_says_alerts_awaiting_a_retry_will_be_retried_and_those_parked_for_good_will_not()
    {
        Assert.Equal("", DigestComposer.UnsentNote(null));
        Assert.Equal("", DigestComposer.UnsentNote(new UnsentAlerts(0, 0)));
        Assert.Equal("1 alert could not be sent yet after failed sends; it will be retried.", DigestComposer.UnsentNote(new UnsentAlerts(1, 0)));
        Assert.Equal("3 alerts could not be sent yet after failed sends; they will be retried.", DigestComposer.UnsentNote(new UnsentAlerts(3, 0)));
        var forGood = DigestComposer.UnsentNote(new UnsentAlerts(0, 2));
        Assert.Equal("2 alerts could not be sent after repeated attempts and are parked; they are not retried unless the service's operator sends them again.", forGood);
        Assert.DoesNotContain("will be retried", forGood);
    }

    [Fact]
    public void The_delivery_id_is_the_same_for_every_attempt_and_differs_by_subscriber_and_key()
    {
        var id = DeliveryKeys.IdOf("subscriber-a", "alert:x/y:1");

        Assert.Equal(id, DeliveryKeys.IdOf("subscriber-a", "alert:x/y:1"));
        Assert.NotEqual(id, DeliveryKeys.IdOf("subscriber-b", "alert:x/y:1"));
        Assert.NotEqual(id, DeliveryKeys.IdOf("subscriber-a", "alert:x/y:2"));
        Assert.Matches("^[0-9a-f]{32}$", id);
    }

    [Fact]
    public void A_sent_emails_file_name_ends_with_its_delivery_id_whatever_the_time()
    {
        var id = DeliveryKeys.IdOf("subscriber-a", "alert:x/y:1");
        var early = OutboxFileName.ForDelivery(new DateTimeOffset(2026, 11, 18, 7, 0, 0, TimeSpan.Zero), "alert", "subscriber-a", "alert:x/y:1", id);
        var late = OutboxFileName.ForDelivery(new DateTimeOffset(2026, 11, 19, 9, 30, 0, TimeSpan.Zero), "alert", "subscriber-a", "alert:x/y:1", id);

        Assert.NotEqual(early, late);
        Assert.EndsWith("-" + id[..16], early);
        Assert.EndsWith("-" + id[..16], late);
        Assert.Contains("-alert-", early);
        Assert.Equal($"*-{id[..16]}.eml", OutboxFileName.DeliveryPattern(id));
    }
}
