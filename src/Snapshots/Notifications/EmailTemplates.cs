using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Encodings.Web;
using Fluid;

namespace Snapshots.Notifications;

/// <summary>
/// The Liquid templates of the emails (embedded from <c>Notifications/Templates/</c>), parsed once with Fluid.
/// HTML templates render with Fluid's HTML encoder, so every <c>{{ value }}</c> is encoded; the only unencoded output
/// is the rendered body placed in <c>layout.html.liquid</c>, which is this code's own markup.
/// </summary>
public sealed class EmailTemplates
{
    private const string ResourcePrefix = "Snapshots.Notifications.Templates.";
    private static readonly FluidParser Parser = new();
    private readonly ConcurrentDictionary<string, IFluidTemplate> _parsed = new(StringComparer.Ordinal);
    private readonly TemplateOptions _options = new();

    public static EmailTemplates Default { get; } = new();

    public EmailTemplates()
    {
        foreach (var type in typeof(EmailTemplates).Assembly.GetTypes().Where(t => t.GetCustomAttribute<TemplateModelAttribute>() is not null))
            _options.MemberAccessStrategy.Register(type);
    }

    /// <summary>Renders <c>{name}.html.liquid</c> inside the shared layout.</summary>
    public string Html(string name, object model, LayoutModel layout)
    {
        var body = Render($"{name}.html.liquid", model, HtmlEncoder.Default);
        return Render("layout.html.liquid", layout with { Body = body }, HtmlEncoder.Default);
    }

    /// <summary>Renders <c>{name}.txt.liquid</c> inside the plain-text layout; nothing is encoded.</summary>
    public string Text(string name, object model, LayoutModel layout)
    {
        var body = Render($"{name}.txt.liquid", model, NullEncoder.Default);
        return Render("layout.txt.liquid", layout with { Body = body }, NullEncoder.Default);
    }

    private string Render(string file, object model, TextEncoder encoder)
    {
        var template = _parsed.GetOrAdd(file, Parse);
        var context = new TemplateContext(model, _options);
        return template.Render(context, encoder);
    }

    private static IFluidTemplate Parse(string file)
    {
        using var stream = typeof(EmailTemplates).Assembly.GetManifestResourceStream(ResourcePrefix + file)
                           ?? throw new InvalidOperationException($"email template {file} is not embedded (expected resource {ResourcePrefix}{file})");
        using var reader = new StreamReader(stream);
        var source = reader.ReadToEnd();
        return Parser.TryParse(source, out var template, out var error)
            ? template
            : throw new InvalidOperationException($"email template {file} does not parse: {error}");
    }
}

/// <summary>Marks a type whose public properties templates may read.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class TemplateModelAttribute : Attribute;

/// <summary>What the shared layout shows around a body: title, preview line, footer reason, and the body itself.</summary>
[TemplateModel]
public sealed record LayoutModel(string Title, string Preheader, string FooterReason, string Body = "")
{
    public string UnsubscribeUrl => ComposedEmail.UnsubscribePlaceholder;
}
