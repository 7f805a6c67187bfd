using System.Net;
using Scriban;
using Scriban.Parsing;

namespace Snapshots.Text;

/// <summary>
/// A Scriban context that HTML-encodes every value a template writes, so scraped text and anything a visitor typed cannot
/// become markup. The one exception is markup the caller itself rendered from its own template, which
/// <paramref name="trustedMarkup"/> recognises (returning its HTML) and which is written as it is. Used by the email
/// templates and by the web face's pages.
/// </summary>
public sealed class HtmlEncodingTemplateContext(Func<object, string?> trustedMarkup) : TemplateContext
{
    public override TemplateContext Write(SourceSpan span, object? textAsObject)
    {
        if (textAsObject is null) return this;
        if (trustedMarkup(textAsObject) is { } html) return Write(html);
        return Write(WebUtility.HtmlEncode(ObjectToString(textAsObject)));
    }
}
