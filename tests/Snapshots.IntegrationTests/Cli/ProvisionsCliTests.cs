using Snapshots.Text;
using Azure.Data.Tables;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Provisions;

namespace Snapshots.IntegrationTests.Cli;

/// <summary><c>provisions</c>, <c>provision</c>, <c>provisions build</c>, <c>cite --provision</c> and <c>diff</c> naming provisions, on a real pipeline.</summary>
public sealed class ProvisionsCliTests
{
    private static string Terms(string law) => PolicyPages.Privacy(
        "<h1>Terms of Service</h1><h2>1. Your content</h2><p>1.1 We may use your Content to train our models. You can opt out of model training in your settings.</p>" +
        $"<h2>2. Governing law</h2><p>2.1 These Terms are governed by the laws of {law}.</p><h2>3. Disputes</h2><p>3.1 Any dispute will be resolved by binding arbitration, and you waive any class action.</p>");

    [Fact]
    public async Task Provisions_are_listed_followed_through_a_change_cited_and_named_by_diff()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackAsync("Example AI", "Terms of Service", "/terms", Terms("France"));
        await t.CheckAsync(id);
        t.Site.Page("/terms", Terms("Ireland"));
        await t.CheckAsync(id);
        var cli = new CliRunner(t.Pipeline.Configuration);

        var list = await cli.RunAsync("provisions", id.ToString());
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("3 provisions", list.Output);
        Assert.Contains("Class-action waiver", list.Output);
        Assert.Contains("Governing law", list.Output);

        var document = await t.Catalog.GetAsync(id);
        var latest = (await t.Pipeline.Get<ProvisionReader>().VersionAsync(document, 2))!;
        var law = Assert.Single(latest.Provisions, p => p.Text.Contains("Ireland", StringComparison.Ordinal));
        var one = await cli.RunAsync("provision", id.ToString(), law.Slug);
        Assert.Equal(0, one.ExitCode);
        Assert.Contains("Changed 1 time since version 1", one.Output);
        Assert.Contains("laws of [-France-]{+Ireland+}.", one.Output);
        Assert.Contains(law.Provision.Sha256, one.Output);

        var cite = await cli.RunAsync("cite", id.ToString(), "--provision", law.Slug);
        Assert.Equal(0, cite.ExitCode);
        Assert.Contains($"provision SHA-256 {Sha256Hex.Of(law.Text)}", cite.Output);
        Assert.Contains(document.CurrentSha256!, cite.Output);
        Assert.Contains($"/provisions/{law.Slug}", cite.Output);

        var diff = await cli.RunAsync("diff", id.ToString());
        Assert.Equal(0, diff.ExitCode);
        Assert.Contains("Provisions changed: 1", diff.Output);
        Assert.Contains($"modified {law.Slug}", diff.Output);

        var unknown = await cli.RunAsync("provision", id.ToString(), "no-such-provision");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("'no-such-provision'", unknown.Output);
    }

    [Fact]
    public async Task Diff_names_the_clause_types_a_changed_provision_gained_and_those_it_lost()
    {
        static string Page(string training) => PolicyPages.Privacy(
            $"<h1>Terms of Service</h1><h2>1. Your content</h2><p>1.1 {training}</p><h2>2. Governing law</h2><p>2.1 These Terms are governed by the laws of France.</p>");
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackAsync("Example AI", "Terms of Service", "/terms", Page("We may use your Content to train our models."));
        await t.CheckAsync(id);
        t.Site.Page("/terms", Page("We do not use your Content to train our models."));
        await t.CheckAsync(id);

        var diff = await new CliRunner(t.Pipeline.Configuration).RunAsync("diff", id.ToString());

        Assert.Equal(0, diff.ExitCode);
        var line = Assert.Single(diff.Output.Split('\n'), l => l.TrimStart().StartsWith("modified ", StringComparison.Ordinal));
        Assert.Contains("types: Does not train on user content (new)", line);
        Assert.EndsWith("; no longer: Trains AI models on user content)", line.TrimEnd());
    }

    [Fact]
    public async Task Provisions_build_fills_an_archive_recorded_without_them_once_and_then_says_up_to_date()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackAsync("Example AI", "Terms of Service", "/terms", Terms("France"));
        await t.CheckAsync(id);
        t.Site.Page("/terms", Terms("Ireland"));
        await t.CheckAsync(id);
        var ledger = t.Pipeline.Get<ProvisionLedger>();
        var built = (await ledger.ListAsync(id)).Select(m => m.Provisions.Select(p => $"{p.Id} {p.Slug} {p.Provision.Sha256}").ToList()).ToList();
        // An archive from before provisions: the rows are not there.
        await foreach (var row in t.Pipeline.Storage.Provisions.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
            await t.Pipeline.Storage.Provisions.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        var cli = new CliRunner(t.Pipeline.Configuration);

        var first = await cli.RunAsync("provisions", "build");
        Assert.Equal(0, first.ExitCode);
        Assert.Contains($"{id}: built versions 1 to 2 (2 new", first.Output);
        Assert.Equal(built, (await ledger.ListAsync(id)).Select(m => m.Provisions.Select(p => $"{p.Id} {p.Slug} {p.Provision.Sha256}").ToList()).ToList());

        var again = await cli.RunAsync("provisions", "build", id.ToString());
        Assert.Equal(0, again.ExitCode);
        Assert.Contains($"{id}: up to date (2 versions)", again.Output);
    }
}
