using System.Collections.Concurrent;
using Scriban;
using Scriban.Runtime;
using Snapshots.Text;

namespace Snapshots.Email;

/// <summary>
/// The Liquid templates of the emails (embedded from <c>Email/Templates/</c>, named after their kind: <c>alert.html.liquid</c>, ...), parsed once with Scriban's Liquid parser.
/// HTML templates render through <see cref="HtmlEncodingTemplateContext"/>, which HTML-encodes every <c>{{ value }}</c>: scraped text cannot
/// become markup. The one value written as it is, <see cref="LayoutModel.Body"/>, is this code's own rendered template.
/// </summary>
/// <remarks>Fluid.Core 2.41.1 fails at run time on this feed (it needs Parlot 1.5.x, only 2.2.1 is served), hence Scriban.</remarks>
public sealed class EmailTemplates
{
    private const string ResourcePrefix = "Snapshots.Email.Templates.";
    private readonly ConcurrentDictionary<string, Template> _parsed = new(StringComparer.Ordinal);

    public static EmailTemplates Default { get; } = new();

    /// <summary>Renders <c>{name}.html.liquid</c> inside the shared layout.</summary>
    public string Html(string name, object model, LayoutModel layout)
    {
        var body = Render($"{name}.html.liquid", model, encode: true);
        return Render("layout.html.liquid", layout with { Body = body }, encode: true, trusted: new HtmlFragment(body));
    }

    /// <summary>Renders <c>{name}.txt.liquid</c> inside the plain-text layout; nothing is encoded.</summary>
    public string Text(string name, object model, LayoutModel layout)
    {
        var body = Render($"{name}.txt.liquid", model, encode: false);
        return Render("layout.txt.liquid", layout with { Body = body }, encode: false);
    }

    private string Render(string file, object model, bool encode, HtmlFragment? trusted = null)
    {
        var template = _parsed.GetOrAdd(file, Parse);
        var globals = new ScriptObject();
        globals.Import(model, renamer: member => member.Name);
        if (trusted is not null) globals.SetValue("Body", trusted, readOnly: true);
        TemplateContext context = encode ? new HtmlEncodingTemplateContext(value => (value as HtmlFragment)?.Html) : new TemplateContext();
        context.MemberRenamer = member => member.Name;
        context.StrictVariables = true;
        context.PushGlobal(globals);
        return template.Render(context);
    }

    private static Template Parse(string file)
    {
        using var stream = typeof(EmailTemplates).Assembly.GetManifestResourceStream(ResourcePrefix + file)
                           ?? throw new InvalidOperationException($"email template {file} is not embedded (expected resource {ResourcePrefix}{file})");
        using var reader = new StreamReader(stream);
        var template = Template.ParseLiquid(reader.ReadToEnd(), file);
        return template.HasErrors
            ? throw new InvalidOperationException($"email template {file} does not parse: {string.Join("; ", template.Messages)}")
            : template;
    }

    /// <summary>Markup rendered by this class from its own templates.</summary>
    private sealed record HtmlFragment(string Html);
}

/// <summary>What the shared layout shows around a body: title, preview line, footer reason, and the body itself.</summary>
public sealed record LayoutModel(string Title, string Preheader, string FooterReason, string Body = "")
{
    public string UnsubscribeUrl => ComposedEmail.UnsubscribePlaceholder;
    public string ManageUrl => ComposedEmail.ManagePlaceholder;
}
