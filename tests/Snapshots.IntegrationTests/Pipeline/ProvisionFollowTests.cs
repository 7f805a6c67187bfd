using Snapshots.Email;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Messaging;
using Snapshots.Pipeline;
using Snapshots.Provisions;
using Snapshots.Storage;
using Snapshots.Subscribers;
using Snapshots.Tracking;

namespace Snapshots.IntegrationTests.Pipeline;

/// <summary>Following one provision or one clause type: alerts only when it changes, naming it; the platform's whole followers as before.</summary>
public sealed class ProvisionFollowTests
{
    private const string Training = "<p>1.1 We may use your Content to train and improve our models. You can opt out of model training in your account settings.</p>";
    private const string TrainingCarveOut = "<p>1.1 We may use your Content to train and improve our models. You can opt out of model training in your account settings, except for Labs Models, where opt-outs do not apply.</p>";
    private const string Law = "<p>2.1 These Terms are governed by the laws of France.</p>";
    private const string LawChanged = "<p>2.1 These Terms are governed by the laws of Ireland.</p>";
    private const string Termination = "<p>3.1 We may suspend or terminate your account if you breach these Terms.</p>";

    private static string Terms(string training, string law) => PolicyPages.Privacy(
        $"<h1>Terms of Service</h1><h2>1. Your content</h2>{training}<h2>2. Governing law</h2>{law}<h2>3. Termination</h2>{Termination}");

    [Fact]
    public async Task A_follower_of_one_provision_hears_only_of_that_provision_by_name()
    {
        await using var t = await TrackedSite.StartAsync(new Dictionary<string, string?> { ["Outbox:Path"] = Directory.CreateTempSubdirectory("snapshots-outbox-").FullName });
        var id = await t.TrackAsync("Example AI", "Terms of Service", "/terms", Terms(Training, Law));
        Assert.Equal(CaptureStatus.First, (await t.CheckAsync(id)).Status);

        var latest = (await t.Pipeline.Get<ProvisionReader>().VersionAsync(await t.Catalog.GetAsync(id), 1))!;
        var training = Assert.Single(latest.Provisions, p => p.Text.Contains("train", StringComparison.Ordinal));
        Assert.Contains(training.Types, m => m.TypeId == "training-opt-out");
        var directory = t.Pipeline.Get<SubscriberDirectory>();
        var one = await directory.AddAsync("one@example.com", "watcher", []);
        await directory.FollowAsync("one@example.com", [$"{id}/{training.Slug}"]);
        var typed = await directory.AddAsync("typed@example.com", "watcher", ["example-ai"]);
        await directory.FollowAsync("typed@example.com", ["type:training-opt-out-carve-out"]);
        var whole = await directory.AddAsync("whole@example.com", "watcher", ["example-ai"]);
        Assert.Equal(["example-ai"], (await directory.GetAsync("one@example.com")).Follows.CountedPlatforms);

        // Another clause of the same document changes: only the whole-platform follower hears of it.
        t.Site.Page("/terms", Terms(Training, LawChanged));
        Assert.Equal(CaptureStatus.Changed, (await t.CheckAsync(id)).Status);
        var first = await FanOutAsync(t);
        Assert.Equal([(whole.SubscriberId, AlertEmail.Kind)], first.Select(r => (r.SubscriberId, r.Kind)));

        // The followed provision changes (a carve-out appears): one provision alert each for the provision's and the type's follower.
        t.Site.Page("/terms", Terms(TrainingCarveOut, LawChanged));
        Assert.Equal(CaptureStatus.Changed, (await t.CheckAsync(id)).Status);
        var second = await FanOutAsync(t);
        Assert.Equal(new[] { (one.SubscriberId, ProvisionAlertEmail.Kind), (typed.SubscriberId, ProvisionAlertEmail.Kind), (whole.SubscriberId, AlertEmail.Kind) }.Order(),
            second.Select(r => (r.SubscriberId, r.Kind)).Order());
        var request = second.Single(r => r.SubscriberId == one.SubscriberId);
        Assert.Equal([training.Slug], request.Provisions);

        var sent = await t.Pipeline.Get<SendEmailHandler>().HandleAsync(QueueMessageCodec.Encode(request));
        Assert.Equal(SendStatus.Sent, sent.Status);
        var email = await File.ReadAllTextAsync(sent.Files!.First(f => f.EndsWith(".eml", StringComparison.Ordinal)));
        var mime = MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(email)));
        Assert.Equal("Example AI Terms of Service: Training opt-out carve-out modified", mime.Subject);
        Assert.Contains("except for Labs Models, where opt-outs do not apply", mime.TextBody);
        Assert.Contains("You can opt out of model training in your account settings.", mime.TextBody); // the words before
        Assert.Contains($"/platforms/example-ai/terms-of-service/provisions/{training.Slug}", mime.TextBody);
        // Its clause types now (the one the carve-out brought marked new, the one it kept not), then the one it lost.
        var lines = mime.TextBody!.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var types = Assert.Single(lines, l => l.StartsWith("Clause types:", StringComparison.Ordinal));
        Assert.Contains("Training opt-out carve-out (high, explicit, new)", types);
        Assert.Contains("Trains AI models on user content (high, explicit)", types);
        Assert.Equal("No longer:    Training opt-out", lines[lines.IndexOf(types) + 1]);
        Assert.Contains("no longer: Training opt-out", mime.HtmlBody);

        // The digest groups changes by provision: the provision's follower reads of its change only, the platform's of both.
        var digests = t.Pipeline.Get<DigestBuilder>();
        var now = DateTimeOffset.UtcNow.AddMinutes(1);
        var oneDigest = (await digests.BuildAsync(await directory.GetAsync("one@example.com"), now)).Platforms.Single().Changes;
        Assert.Equal([(3L, "Training opt-out carve-out (modified)")], oneDigest.Select(c => (c.Sequence, string.Join("; ", c.Provisions!))));
        var wholeDigest = (await digests.BuildAsync(await directory.GetAsync("whole@example.com"), now)).Platforms.Single().Changes;
        Assert.Equal([1L, 2L, 3L], wholeDigest.Select(c => c.Sequence).Order());
        Assert.Contains("Governing law (modified)", wholeDigest.Single(c => c.Sequence == 2).Provisions!);
    }

    [Fact]
    public async Task A_provision_or_clause_type_that_does_not_exist_is_refused_by_name()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackAsync("Example AI", "Terms of Service", "/terms", Terms(Training, Law));
        await t.CheckAsync(id);
        var directory = t.Pipeline.Get<SubscriberDirectory>();
        await directory.AddAsync("a@example.com", "free", []);

        var slug = await Assert.ThrowsAsync<UnknownFollowException>(() => directory.FollowAsync("a@example.com", [$"{id}/no-such-provision"]));
        Assert.Contains("'no-such-provision'", slug.Message);
        var type = await Assert.ThrowsAsync<UnknownFollowException>(() => directory.FollowAsync("a@example.com", ["type:no-such-type"]));
        Assert.Contains("'no-such-type'", type.Message);
        Assert.Equal("nothing", (await directory.GetAsync("a@example.com")).Follows.ToString());
    }

    private static async Task<IReadOnlyList<EmailRequest>> FanOutAsync(TrackedSite t)
    {
        var changes = t.Pipeline.Storage.Queue(QueueNames.Changes);
        var message = Assert.Single((await changes.ReceiveMessagesAsync(10)).Value);
        await changes.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        await t.Pipeline.Get<FanOutChangeHandler>().HandleAsync(message.MessageText);
        var emails = t.Pipeline.Storage.Queue(QueueNames.Emails);
        var received = (await emails.ReceiveMessagesAsync(32)).Value;
        foreach (var m in received) await emails.DeleteMessageAsync(m.MessageId, m.PopReceipt);
        return received.Select(m => QueueMessageCodec.Decode<EmailRequest>(QueueNames.Emails, m.MessageText, EmailRequest.CurrentVersion)).ToList();
    }
}
