using Snapshots.Catalog;
using Snapshots.IntegrationTests.Infrastructure;

namespace Snapshots.IntegrationTests.Web;

/// <summary>
/// A data processing agreement with a heading, a list and a subprocessor table, captured twice: one subprocessor moved from the US
/// to the EU, one added, and a retention change in the list (so the change has a governance topic and a severity).
/// </summary>
public static class TableFixture
{
    public static string Page(bool changed) => PolicyPages.Privacy($$"""
        <h2>Subprocessors</h2>
        <p>We use these <strong>subprocessors</strong>, listed on <a href="https://example.org/subprocessors">our site</a>:</p>
        <table>
          <tr><th>Name</th><th>Purpose</th><th>Location</th></tr>
          <tr><td>Acme Cloud</td><td>Hosting</td><td>EU</td></tr>
          <tr><td>Mailer Inc</td><td>Email delivery</td><td>{{(changed ? "EU" : "US")}}</td></tr>
          <tr><td>Stats Co</td><td>Product analytics</td><td>EU</td></tr>
          {{(changed ? "<tr><td>Vector DB</td><td>Embeddings storage</td><td>US</td></tr>" : "")}}
        </table>
        <h2>Data retention</h2>
        <ul><li>Prompts are kept for {{(changed ? "90" : "30")}} days.</li><li>Logs are kept for 7 days.</li></ul>
        """);

    public static async Task<(WebTestHost Host, DocumentId Id)> StartAsync()
    {
        var host = await WebTestHost.StartAsync();
        try
        {
            var id = await host.TrackAsync("Example AI", "Data Processor Agreement", "/dpa", Page(changed: false));
            await host.CheckAsync(id);
            host.Tracked.Site.Page("/dpa", Page(changed: true));
            await host.CheckAsync(id);
            return (host, id);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }
}
