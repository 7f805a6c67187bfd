using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Email;

using Snapshots.IntegrationTests.Email;

namespace Snapshots.IntegrationTests.Cli;

public sealed class DigestCommandTests
{
    [Fact]
    public async Task Preview_writes_the_digest_to_the_outbox_without_recording_a_delivery()
    {
        await using var fixture = await EmailFixture.StartAsync();

        var (exit, output) = await new CliRunner(fixture.Pipeline.Configuration).RunAsync("digest", "--preview", "dana@Example.COM");

        Assert.Equal(0, exit);
        Assert.Contains("Your weekly Snapshots digest", output);
        var eml = Assert.Single(Directory.GetFiles(fixture.Outbox, "*-digest-*.eml"));
        Assert.Contains(Path.GetFileName(eml), output.Replace("\n", "").Replace(" ", ""));
        Assert.Contains("Privacy Policy, version 2", await File.ReadAllTextAsync(eml));
        var rows = 0;
        await foreach (var _ in fixture.Pipeline.Storage.Deliveries.QueryAsync<DeliveryRecord>()) rows++;
        Assert.Equal(0, rows);
    }

    [Fact]
    public async Task Preview_of_an_unknown_address_is_a_clear_error()
    {
        await using var fixture = await EmailFixture.StartAsync();

        var (exit, output) = await new CliRunner(fixture.Pipeline.Configuration).RunAsync("digest", "--preview", "nobody@example.com");

        Assert.Equal(2, exit);
        Assert.Contains("no subscriber with the address nobody@example.com", output);
    }

    [Fact]
    public async Task Send_sends_one_digest_per_subscriber_and_prints_the_outbox_files()
    {
        await using var fixture = await EmailFixture.StartAsync();

        var (exit, output) = await new CliRunner(fixture.Pipeline.Configuration).RunAsync("digest", "--send");

        Assert.Equal(0, exit);
        Assert.Contains("Scheduled 1 digests", output);
        Assert.Contains("emails: 1 sent via outbox", output);
        Assert.Contains("outbox:", output);
        Assert.Single(Directory.GetFiles(fixture.Outbox, "*-digest-*.eml"));
    }

    [Fact]
    public async Task Check_fans_out_pending_changes_sends_the_alerts_and_prints_where_they_landed()
    {
        await using var fixture = await EmailFixture.StartAsync();

        var (_, output) = await new CliRunner(fixture.Pipeline.Configuration).RunAsync("check");

        Assert.Matches(@"emails: \d+ sent via outbox", output);
        var alerts = Directory.GetFiles(fixture.Outbox, "*-alert-*.eml");
        Assert.NotEmpty(alerts);
        var printed = output.Replace("\n", "").Replace(" ", "");
        Assert.All(alerts, eml => Assert.Contains(Path.GetFileName(eml), printed));
        Assert.Contains(alerts, eml => File.ReadAllText(eml).Contains("Mistral AI changed its Privacy Policy", StringComparison.Ordinal));
    }
}
