using System.Text;
using Snapshots.Tracking;
using Snapshots.IntegrationTests.Infrastructure;

namespace Snapshots.IntegrationTests.Hostile;

/// <summary>
/// What a hostile server puts in a response (reason phrase, content type, title, page text) reaches neither a stored row nor the
/// operator's terminal with its control characters acting; every failure is counted on the document with a readable last error.
/// </summary>
[Trait("Category", "Hostile")]
public sealed class ResponseProbes
{
    private const string Esc = "\u001b";

    private static void AssertNoControlCharacters(string? text)
    {
        Assert.NotNull(text);
        Assert.DoesNotContain(text, c => c is < ' ' and not '\n' and not '\t' or >= '\u007f' and <= '\u009f');
    }

    private static async Task<(FaultySite Site, Snapshots.Catalog.DocumentId Id)> TrackRawAsync(RawHttpServer server)
    {
        var t = await FaultySite.StartAsync();
        var json = PolicyPages.Declaration("Example AI", ("Privacy Policy", server.Url("/privacy")));
        var document = Snapshots.Catalog.DeclarationParser.Parse(json, "example-ai.json").Documents.Single();
        await t.Catalog.UpsertAsync(document);
        return (t, document.Id);
    }

    [Theory]
    [InlineData("HTTP/1.1 500 Oops\u001b]0;pwned\u0007\u001b[2J\r\nContent-Type: text/html", "HTTP 500")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Type: text/evil\u001b]8;;https://evil.example\u001b\\", "unsupported content type")]
    [InlineData("HTTP/1.1 404 \u009b31mNot Found\r\nContent-Type: text/html", "HTTP 404")]
    public async Task Escape_sequences_in_the_status_line_or_headers_are_stored_visible_and_counted(string head, string expected)
    {
        await using var server = RawHttpServer.Answering(head, "<html><body><main class=legal><p>x</p></main></body></html>");
        var (t, id) = await TrackRawAsync(server);
        await using var _ = t;

        var first = await t.CheckAsync(id);
        var second = await t.CheckAsync(id);

        Assert.Equal(CaptureStatus.Failed, second.Status);
        var document = await t.Catalog.GetAsync(id);
        Assert.Equal(2, document.ConsecutiveFailures);
        Assert.Contains(expected, document.LastError);
        AssertNoControlCharacters(document.LastError);
        AssertNoControlCharacters(first.Detail);
        var (_, listing) = await new CliRunner(t.Pipeline.Configuration).RunAsync("documents", "list");
        Assert.DoesNotContain('\u001b', listing);
        Assert.Contains(expected, listing);
    }

    [Fact]
    public async Task A_title_with_escape_sequences_reaches_neither_the_row_nor_the_terminal()
    {
        await using var t = await FaultySite.StartAsync();
        var page = $"<html><head><title>Just a moment...{Esc}]0;pwned\u0007{Esc}[2J</title></head><body><main class=legal><p>Checking your browser before accessing.</p></main></body></html>";
        var id = await t.TrackAsync("/privacy", page);

        var outcome = await t.CheckAsync(id);

        Assert.Equal(CaptureStatus.Failed, outcome.Status);
        var document = await t.Catalog.GetAsync(id);
        Assert.Contains("Just a moment...\u241b]0;pwned\u2407", document.LastError);
        AssertNoControlCharacters(document.LastError);
        var (_, listing) = await new CliRunner(t.Pipeline.Configuration).RunAsync("documents", "list");
        Assert.DoesNotContain('\u001b', listing);
        Assert.Contains("Just a moment", listing);
    }

    [Fact]
    public async Task Page_text_with_escape_sequences_is_shown_and_diffed_harmlessly()
    {
        await using var t = await FaultySite.StartAsync();
        var id = await t.TrackAsync("/privacy", PolicyPages.Privacy($"<p>We keep data{Esc}[2J{Esc}]8;;https://evil.example{Esc}\\ for 30 days.</p>"));
        await t.CheckAsync(id);
        t.Site.Page("/privacy", PolicyPages.Privacy($"<p>We keep data{Esc}[2J{Esc}]8;;https://evil.example{Esc}\\ for 90 days.</p>"));
        Assert.Equal(CaptureStatus.Changed, (await t.CheckAsync(id)).Status);
        var cli = new CliRunner(t.Pipeline.Configuration);

        var (showExit, show) = await cli.RunAsync("show", id.ToString());
        var (diffExit, diff) = await cli.RunAsync("diff", id.ToString());
        var (historyExit, history) = await cli.RunAsync("history", id.ToString());

        Assert.Equal((0, 0, 0), (showExit, diffExit, historyExit));
        Assert.Contains("We keep data\u241b[2J\u241b]8;;https://evil.example\u241b\\ for 90 days.", show);
        Assert.Contains("90", diff);
        Assert.DoesNotContain('\u001b', show + diff + history);
    }

    [Fact]
    public async Task A_windows_1252_page_declared_in_the_HTTP_header_archives_correctly()
    {
        await using var t = await FaultySite.StartAsync();
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var html = PolicyPages.Privacy("<p>Vos données personnelles sont conservées 30 jours – « au plus ».</p>");
        var id = await t.TrackAsync("/privacy", html);
        t.Site.Page("/privacy", Encoding.GetEncoding(1252).GetBytes(html), "text/html; charset=windows-1252");

        var outcome = await t.CheckAsync(id);

        Assert.Equal(CaptureStatus.First, outcome.Status);
        var version = await t.Ledger.GetAsync(id, 1);
        var text = await t.Pipeline.Get<Snapshots.Archive.SnapshotArchive>().ReadTextAsync(version.TextBlob);
        Assert.Contains("Vos données personnelles sont conservées 30 jours – « au plus ».", text);
        Assert.DoesNotContain('\uFFFD', text);
    }

    [Fact]
    public async Task An_unexpected_error_in_extraction_is_counted_and_shown()
    {
        await using var t = await FaultySite.StartAsync();
        var url = t.Site.Url("/privacy");
        var json = "{\"name\": \"Example AI\", \"terms\": {\"Privacy Policy\": {\"fetch\": \"" + url + "\", \"select\": \"main.legal\", \"ignore\": [{\"pattern\": \"(a|aa)+$\", \"reason\": \"catastrophic\"}]}}}";
        var id = await t.TrackAsync("/privacy", PolicyPages.Privacy("<p>" + new string('a', 60) + "!</p>"), json);

        var first = await t.CheckAsync(id);
        var second = await t.CheckAsync(id);

        Assert.Equal(CaptureStatus.Failed, first.Status);
        var document = await t.Catalog.GetAsync(id);
        Assert.Equal(2, document.ConsecutiveFailures);
        Assert.Contains("RegexMatchTimeoutException", document.LastError);
        Assert.Equal(second.Detail, document.LastError);
        Assert.Empty(await t.Ledger.ListAsync(id));
    }
}
