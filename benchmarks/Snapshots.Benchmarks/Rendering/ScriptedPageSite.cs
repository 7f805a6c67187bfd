using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Snapshots.Benchmarks.Rendering;

/// <summary>
/// A loopback site of N policy pages (about 20 KB of text each), twice: <c>/static/{n}</c> with the text in the HTML, and
/// <c>/scripted/{n}</c> where a script builds the same text into the DOM, as JavaScript-published terms are.
/// </summary>
public sealed class ScriptedPageSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ScriptedPageSite(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public static async Task<ScriptedPageSite> StartAsync(int pages)
    {
        var sections = Enumerable.Range(1, pages).Select(Sections).ToArray();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/static/{n:int}", (int n) => Results.Content(StaticPage(sections[n - 1]), "text/html; charset=utf-8"));
        app.MapGet("/scripted/{n:int}", (int n) => Results.Content(ScriptedPage(sections[n - 1]), "text/html; charset=utf-8"));
        await app.StartAsync();
        return new ScriptedPageSite(app, new Uri(app.Urls.First() + "/"));
    }

    public Uri Url(bool scripted, int n) => new(BaseUri, $"{(scripted ? "scripted" : "static")}/{n}");

    private static (string Heading, string Text)[] Sections(int page) => Enumerable.Range(1, 40).Select(s => (
        $"{s}. Section {s} of policy {page}",
        string.Join(" ", Enumerable.Repeat($"We process personal data of category {s} for purpose {page} and keep it for {s * 3} months unless the law requires longer.", 4))))
        .ToArray();

    private static string StaticPage((string Heading, string Text)[] sections)
    {
        var html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>Policy</title></head><body><nav>Menu</nav><main id=\"policy\">");
        foreach (var (heading, text) in sections) html.Append("<h2>").Append(heading).Append("</h2><p>").Append(text).Append("</p>");
        return html.Append("</main></body></html>").ToString();
    }

    private static string ScriptedPage((string Heading, string Text)[] sections)
    {
        var data = System.Text.Json.JsonSerializer.Serialize(sections.Select(s => new[] { s.Heading, s.Text }));
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>Policy</title></head><body><nav>Menu</nav><div id=\"root\">Loading…</div><script>"
            + $"const sections = {data};"
            + "const main = document.createElement('main'); main.id = 'policy';"
            + "for (const [h, t] of sections) { const h2 = document.createElement('h2'); h2.textContent = h; const p = document.createElement('p'); p.textContent = t; main.append(h2, p); }"
            + "document.getElementById('root').replaceWith(main);</script></body></html>";
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
