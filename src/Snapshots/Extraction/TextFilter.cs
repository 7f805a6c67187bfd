using System.Text.RegularExpressions;
using Snapshots.Catalog;

namespace Snapshots.Extraction;

/// <summary>
/// The last step of normalization: removes text matched by the declaration's <c>ignore</c> rules
/// (regular expressions over the normalized text), and refuses a text too short to be a document.
/// </summary>
public sealed class TextFilter
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(2);

    public string Apply(string text, DocumentDeclaration declaration, Uri url)
    {
        foreach (var rule in declaration.Ignore)
            text = Regex.Replace(text, rule.Pattern, "", RegexOptions.Multiline, RegexTimeout);
        text = TextLayout.Tidy(text);
        if (text.Length == 0) throw new ExtractionException(url, "the extracted document is empty");
        return text;
    }
}
