using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Snapshots.Catalog;

/// <summary>Lower-case ASCII slugs: "Mistral AI" → "mistral-ai", "Terms of Service" → "terms-of-service".</summary>
public static partial class Slug
{
    public static string From(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            builder.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
        }
        return Dashes().Replace(builder.ToString(), "-").Trim('-');
    }

    public static bool IsValid(string value) => Valid().IsMatch(value);

    [GeneratedRegex("-{2,}")]
    private static partial Regex Dashes();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Valid();
}
