using Snapshots.Email;
using Snapshots.Messaging;
using Snapshots.Subscribers;

namespace Snapshots.Tests.Email;

/// <summary>Each kind of email: its name and key format, who wants it at send time, and what a request of it must hold.</summary>
public sealed class EmailKindTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 7, 0, 0, TimeSpan.Zero);
    private static readonly string Subscriber = new('c', 64);
    private static readonly string Sha = new('a', 64);

    // Validation and eligibility use none of the kinds' collaborators.
    private static readonly IEmailKind Alert = new AlertEmail(null!);
    private static readonly IEmailKind Digest = new DigestEmail(null!, null!, null!, TimeProvider.System);
    private static readonly IEmailKind Confirm = new ConfirmEmail(null!, EmailTemplates.Default, null!, null!);
    private static readonly IEmailKind Account = new AccountEmail(null!, EmailTemplates.Default, null!, null!);

    private static SubscriberRecord Record(bool alerts = true, bool digest = true) =>
        new() { PartitionKey = Subscriber, Plan = "watcher", Platforms = "openai", AlertsEnabled = alerts, DigestEnabled = digest };

    [Fact]
    public void Each_kind_is_named_by_its_class_and_its_keys_start_with_that_name()
    {
        Assert.Equal(["alert", "digest", "confirm", "account"], new[] { Alert, Digest, Confirm, Account }.Select(k => k.Name));
        Assert.Equal($"alert:mistral-ai/privacy-policy:{Sha}", AlertEmail.KeyFor("mistral-ai/privacy-policy", Sha));
        Assert.Equal("digest:2026-W48", DigestEmail.KeyFor("2026-W48"));
        Assert.Equal("confirm:n0nce", ConfirmEmail.Request(Subscriber, "n0nce", Now).MessageKey);
        Assert.StartsWith("account:", AccountEmail.Request(Subscriber, Now).MessageKey);
        Assert.NotEqual(AccountEmail.Request(Subscriber, Now).MessageKey, AccountEmail.Request(Subscriber, Now).MessageKey);
    }

    [Fact]
    public void Requests_carry_what_their_kind_needs_and_pass_its_validation()
    {
        var alert = AlertEmail.Request(Subscriber, "mistral-ai/privacy-policy", Sha, 7, Now);
        Assert.Equal((AlertEmail.Kind, "mistral-ai/privacy-policy", 7L, Now), (alert.Kind, alert.DocumentId, alert.Sequence!.Value, alert.RequestedAt!.Value));
        var digest = DigestEmail.Request(Subscriber, "2026-W48", Now);
        Assert.Equal((DigestEmail.Kind, "2026-W48", "digest:2026-W48"), (digest.Kind, digest.IsoWeek, digest.MessageKey));

        Alert.Validate(alert);
        Digest.Validate(digest);
        Confirm.Validate(ConfirmEmail.Request(Subscriber, "n0nce", Now));
        Account.Validate(AccountEmail.Request(Subscriber, Now));
    }

    [Fact]
    public void A_key_that_does_not_start_with_the_kinds_name_is_malformed()
    {
        var digestKeyed = new EmailRequest(EmailRequest.CurrentVersion, AlertEmail.Kind, Subscriber, "digest:2026-W48", "a/b", 2);

        var e = Assert.Throws<MalformedMessageException>(() => Alert.Validate(digestKeyed));

        Assert.Contains("message key 'digest:2026-W48' does not start with 'alert:'", e.Message);
        Assert.Throws<MalformedMessageException>(() => Digest.Validate(DigestEmail.Request(Subscriber, "2026-W48", Now) with { MessageKey = "" }));
        Assert.Throws<MalformedMessageException>(() => Confirm.Validate(ConfirmEmail.Request(Subscriber, "n", Now) with { MessageKey = "confirmn" }));
        Assert.Throws<MalformedMessageException>(() => Account.Validate(AccountEmail.Request(Subscriber, Now) with { MessageKey = "alert:x" }));
    }

    [Theory]
    [InlineData(null, 2L)]
    [InlineData("not a document", 2L)]
    [InlineData("a/b", null)]
    [InlineData("a/b", 0L)]
    public void An_alert_needs_a_document_id_and_a_version_sequence(string? documentId, long? sequence)
    {
        var request = new EmailRequest(EmailRequest.CurrentVersion, AlertEmail.Kind, Subscriber, AlertEmail.KeyFor("a/b", Sha), documentId, sequence);

        var e = Assert.Throws<MalformedMessageException>(() => Alert.Validate(request));

        Assert.Contains("needs a document id and a version sequence", e.Message);
    }

    [Fact]
    public void Alerts_are_wanted_while_alerts_are_on_and_digests_while_the_digest_is_on()
    {
        Assert.True(Alert.IsWantedBy(Record()));
        Assert.False(Alert.IsWantedBy(Record(alerts: false)));
        Assert.True(Alert.IsWantedBy(Record(digest: false)));
        Assert.True(Digest.IsWantedBy(Record()));
        Assert.False(Digest.IsWantedBy(Record(digest: false)));
        Assert.True(Digest.IsWantedBy(Record(alerts: false)));
        // The answers to a sign-up are wanted whatever the preferences.
        Assert.All(new[] { Confirm, Account }, kind => Assert.True(kind.IsWantedBy(Record(alerts: false, digest: false))));
    }

    [Fact]
    public void No_email_reaches_a_suppressed_address_not_even_a_confirmation_someone_else_asked_for()
    {
        Assert.All(new[] { Confirm, Alert, Digest, Account }, kind => Assert.False(kind.ReachesSuppressed));
    }
}
