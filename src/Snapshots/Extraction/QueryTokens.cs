using System.Text.RegularExpressions;

namespace Snapshots.Extraction;

/// <summary>
/// Recognizes query parameter values that are per-request identifiers (an attribution id, a device or anonymous id, a
/// nonce) rather than what identifies the linked document, so that a link whose only difference from one fetch to
/// the next is such a value reads the same. The value is masked (<see cref="Mask"/>), never the parameter: the
/// scheme, host, path, parameter names and every other value still count, so a changed link target is still a change.
/// A value is a token when, percent-decoded, it is (optionally after a short alphabetic prefix such as <c>anon_</c>):
/// <list type="bullet">
/// <item>a UUID (8-4-4-4-12 hex, any version, with or without braces);</item>
/// <item>at least <see cref="MinHexLength"/> hex characters mixing letters and digits (a 128-bit or longer hex id);</item>
/// <item>at least <see cref="MinBase64Length"/> base64 or base64url characters mixing upper case, lower case and digits;</item>
/// <item>a JSON Web Token (three base64url parts joined by dots, the first starting <c>eyJ</c>).</item>
/// </list>
/// Not tokens: numbers of any length (article and page ids are often long numbers), words, dates, short hex ids
/// (a 10-character commit or record id names a document), language and version values.
/// </summary>
internal static partial class QueryTokens
{
    /// <summary>What a masked value is written as.</summary>
    public const string Mask = "{token}";

    public const int MinHexLength = 16;
    public const int MinBase64Length = 20;

    public static bool IsPerRequestToken(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.Trim();
        return IsToken(trimmed) || (Prefix().Match(trimmed) is { Success: true } prefix && IsToken(trimmed[prefix.Length..]));
    }

    private static bool IsToken(string candidate)
    {
        if (Uuid().IsMatch(candidate) || Jwt().IsMatch(candidate)) return true;
        if (candidate.Length < MinHexLength || candidate.All(char.IsAsciiDigit)) return false;
        if (candidate.All(char.IsAsciiHexDigit))
            return candidate.Any(char.IsAsciiDigit) && candidate.Any(char.IsAsciiLetter);
        return candidate.Length >= MinBase64Length && Base64().IsMatch(candidate)
            && candidate.Any(char.IsAsciiLetterUpper) && candidate.Any(char.IsAsciiLetterLower) && candidate.Any(char.IsAsciiDigit);
    }

    /// <summary>The query (with or without its leading <c>?</c>) with every token value replaced by <see cref="Mask"/>; names, order and other values unchanged.</summary>
    public static string MaskValues(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var mark = query.StartsWith('?') ? "?" : "";
        var pairs = query[mark.Length..].Split('&');
        for (var i = 0; i < pairs.Length; i++)
        {
            var equals = pairs[i].IndexOf('=');
            if (equals < 0) continue;
            if (IsPerRequestToken(Decode(pairs[i][(equals + 1)..]))) pairs[i] = pairs[i][..(equals + 1)] + Mask;
        }
        return mark + string.Join('&', pairs);
    }

    private static string Decode(string value)
    {
        try { return Uri.UnescapeDataString(value.Replace('+', ' ')); }
        catch (UriFormatException) { return value; }
    }

    [GeneratedRegex(@"^[A-Za-z]{1,10}[_\-:.]", RegexOptions.CultureInvariant)]
    private static partial Regex Prefix();

    [GeneratedRegex(@"^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$", RegexOptions.CultureInvariant)]
    private static partial Regex Uuid();

    [GeneratedRegex(@"^eyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Jwt();

    [GeneratedRegex(@"^[A-Za-z0-9+/_\-]+={0,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex Base64();
}
