using System.Text;

namespace Snapshots.Tests.Hostile;

/// <summary>
/// HTML pages whose rendered text would be far larger than the page (tables padded to their widest row, lists and quotes
/// indented at every level, links resolved against a long base), generated on the spot. Shared by the hostile probes and by
/// <c>eval/hostile/PdfPeak</c>, which measures peak memory on them.
/// </summary>
public static class HostilePages
{
    /// <summary>Every hostile page with a name, the ordinary one last.</summary>
    public static IReadOnlyList<(string Name, string Html)> All() =>
    [
        ("table-5000-wide-5000-rows", RaggedTable(5_000)),
        ("table-10000-wide-10000-rows", RaggedTable(10_000)),
        ("table-20000-wide-20000-rows", RaggedTable(20_000)),
        ("list-500-deep-50000-items", DeepList(500, 50_000)),
        ("quote-1000-deep-50000-paragraphs", DeepQuote(1_000, 50_000)),
        ("tables-200-deep-one-caption", NestedTablesWithCaption(200, 100_000)),
        ("links-20000-on-a-4000-character-base", LinksOnLongBase(20_000, 4_000)),
        ("ordinary-policy", Ordinary(2_000)),
    ];

    /// <summary>
    /// A table whose first row has <paramref name="size"/> cells and whose <paramref name="size"/> other rows one cell each:
    /// 2 × size short cells, and a size × size grid once every row is padded to the widest (10,000: a 280 KB page).
    /// </summary>
    public static string RaggedTable(int size)
    {
        var html = new StringBuilder("<html><body><main><table><tr>");
        for (var i = 0; i < size; i++) html.Append("<td>x</td>");
        html.Append("</tr>");
        for (var i = 0; i < size; i++) html.Append("<tr><td>y</td></tr>");
        return html.Append("</table></main></body></html>").ToString();
    }

    /// <summary>Lists nested <paramref name="depth"/> deep, the innermost holding <paramref name="items"/> items, each indented at every level.</summary>
    public static string DeepList(int depth, int items) =>
        Page(Repeat("<ul><li>", depth) + Repeat("<li>x", items) + Repeat("</ul>", depth));

    /// <summary>Quotes nested <paramref name="depth"/> deep around <paramref name="paragraphs"/> paragraphs, each prefixed at every level.</summary>
    public static string DeepQuote(int depth, int paragraphs) =>
        Page(Repeat("<blockquote>", depth) + Repeat("<p>x</p>", paragraphs) + Repeat("</blockquote>", depth));

    /// <summary>
    /// Tables nested <paramref name="depth"/> deep, only the innermost with a caption (of about <paramref name="captionLength"/>
    /// characters of words): every table renders the first caption inside it as its own.
    /// </summary>
    public static string NestedTablesWithCaption(int depth, int captionLength) =>
        Page(Repeat("<table><tr><td>", depth) + "<table><caption>" + Repeat("Data we keep. ", captionLength / 14) + "</caption><tr><td>x</td></tr></table>"
             + Repeat("</td></tr></table>", depth));

    /// <summary><paramref name="links"/> one-letter relative links on a page whose base URL is <paramref name="baseLength"/> characters long.</summary>
    public static string LinksOnLongBase(int links, int baseLength) =>
        "<html><head><base href=\"https://example.test/" + new string('b', baseLength) + "/\"></head><body><main>"
        + Repeat("<a href=\"x\">y</a> ", links) + "</main></body></html>";

    /// <summary>An ordinary policy page: <paramref name="sections"/> sections of prose, a list and a small table.</summary>
    public static string Ordinary(int sections) =>
        Page(Repeat("<section><h2>Clause</h2><p>We keep your data for <b>30 days</b> and never <a href=\"/sell\">sell</a> it.</p>"
                    + "<ul><li>one<ul><li>nested</li></ul></li><li>two</li></ul>"
                    + "<table><tr><th>Data</th><th>Kept</th></tr><tr><td>Logs</td><td>30 days</td></tr><tr><td>Email</td></tr></table></section>", sections));

    private static string Page(string main) => "<html><body><main>" + main + "</main></body></html>";

    private static string Repeat(string part, int times) => new StringBuilder(part.Length * times).Insert(0, part, times).ToString();
}
