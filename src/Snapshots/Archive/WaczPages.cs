using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Snapshots.Text;

namespace Snapshots.Archive;

/// <summary>One page of a WACZ's page list: a captured document URL at the time of its response record, with a title.</summary>
internal sealed record WaczPage(string Url, string Ts, string Title);

/// <summary>
/// <c>pages/pages.jsonl</c> of a WACZ (spec 1.1.1, JSON Pages 1.0): a header line naming the list, then one JSON object a line
/// for each page: <c>id</c> (from the URL and time, so the same export gives the same ids), <c>url</c>, <c>ts</c> (the
/// response's WARC-Date, RFC 3339) and <c>title</c>. ReplayWeb.page lists these as the archive's pages.
/// </summary>
internal static class WaczPages
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Render(IEnumerable<WaczPage> pages)
    {
        var text = new StringBuilder();
        text.Append(JsonSerializer.Serialize(new { format = "json-pages-1.0", id = "pages", title = "All Pages" }, Json)).Append('\n');
        foreach (var page in pages)
            text.Append(JsonSerializer.Serialize(new { id = Sha256Hex.Of(Encoding.UTF8.GetBytes($"{page.Url} {page.Ts}"))[..32], url = page.Url, ts = page.Ts, title = page.Title }, Json)).Append('\n');
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
