using System.Collections.Concurrent;
using Scriban;
using Scriban.Runtime;
using Snapshots.Text;

namespace Snapshots.Web.Pages;

/// <summary>
/// The site's Scriban templates (embedded from <c>Templates/</c>), parsed once. Every <c>{{ value }}</c> is HTML-encoded, so
/// scraped text and anything a visitor typed cannot become markup; the one value written as it is, the page body inside the
/// layout, is markup this class rendered from its own template.
/// </summary>
public sealed class PageTemplates
{
    /// <summary>
    /// The most iterations of one loop statement, its nested loops included (Scriban's <c>LoopLimit</c>, 1,000 by default, set
    /// here on purpose). Every list a template loops over is bounded below it by the page that fills it: platforms and
    /// platform choices by <see cref="Paging"/> (200 a page), a document's versions 50 a page (8 sections each), a change's
    /// diff cut into parts of at most <see cref="DiffParts.MaxRunsPerPart"/> runs; the rest by what they list (plans, clause
    /// types, topics, a platform's documents, a version's raw sources). A loop past it is a fault of the page, answered as one.
    /// </summary>
    public const int MaxIterations = 20_000;

    private const string ResourcePrefix = "Snapshots.Web.Templates.";
    private readonly ConcurrentDictionary<string, Template> _parsed = new(StringComparer.Ordinal);

    public static PageTemplates Default { get; } = new();

    /// <summary>Renders <c>{name}.sbn-html</c> inside <c>layout.sbn-html</c>.</summary>
    public string Page(string name, object model, PageLayout layout)
    {
        var body = Render($"{name}.sbn-html", model, null);
        return Render("layout.sbn-html", layout, new HtmlFragment(body));
    }

    private string Render(string file, object model, HtmlFragment? body)
    {
        var template = _parsed.GetOrAdd(file, Parse);
        var globals = new ScriptObject();
        // Markup this class rendered must reach Write as itself to be written unencoded: set apart from what Import converts.
        var fragments = model.GetType().GetProperties().Where(p => p.PropertyType == typeof(HtmlFragment)).ToList();
        globals.Import(model, filter: member => fragments.All(f => f.Name != member.Name), renamer: member => member.Name);
        foreach (var property in fragments) globals.SetValue(property.Name, property.GetValue(model), readOnly: true);
        if (body is not null) globals.SetValue("Body", body, readOnly: true);
        var context = new HtmlEncodingTemplateContext(value => (value as HtmlFragment)?.Html) { MemberRenamer = member => member.Name, StrictVariables = true, LoopLimit = MaxIterations };
        context.PushGlobal(globals);
        return template.Render(context);
    }

    private static Template Parse(string file)
    {
        var template = Template.Parse(Read(file), file);
        return template.HasErrors
            ? throw new InvalidOperationException($"page template {file} does not parse: {string.Join("; ", template.Messages)}")
            : template;
    }

    /// <summary>Renders <c>{name}.sbn-html</c> alone, as markup another template writes as it is (the diff, shared by two pages).</summary>
    public HtmlFragment Fragment(string name, object model) => new(Render($"{name}.sbn-html", model, null));

    private static string Read(string file)
    {
        using var stream = typeof(PageTemplates).Assembly.GetManifestResourceStream(ResourcePrefix + file)
                           ?? throw new InvalidOperationException($"page template {file} is not embedded (expected resource {ResourcePrefix}{file})");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>What the layout shows around a page: its title, an optional feed to announce, and breadcrumbs.</summary>
/// <summary>Markup rendered (and encoded) by <see cref="PageTemplates"/> from its own template: written into a page as it is.</summary>
public sealed class HtmlFragment
{
    internal HtmlFragment(string html) => Html = html;

    public string Html { get; }
}

public sealed record PageLayout(string Title, IReadOnlyList<Crumb> Crumbs, string? FeedUrl = null, string? FeedTitle = null, string? Canonical = null);

public sealed record Crumb(string Label, string? Href);
