using System.Buffers;
using System.Globalization;
using Snapshots.Text;

namespace Snapshots.Subscribers;

/// <summary>
/// Follow words from outside: a form's <c>follow</c> fields and a link's <c>?follow=</c>. At most <see cref="MaxWords"/> of
/// them, each at most <see cref="MaxLength"/> characters of letters, digits, '-', '/' and ':' (one follow per field; upper case
/// is folded), then read by <see cref="Follows.Parse"/>. A word that is none is refused by <see cref="MalformedFollowException"/>,
/// which quotes it only shortened, its control characters made visible; a too long one is not quoted at all.
/// </summary>
public static class FollowWords
{
    /// <summary>Longer than any follow there is: a platform, a terms type and a provision slug with its "-N" suffix.</summary>
    public const int MaxLength = 200;
    public const int MaxWords = 50;
    private const int Quoted = 40;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-/:");

    /// <summary>The follows of these words (blank ones skipped); the first malformed word refuses them all.</summary>
    public static Follows Read(IEnumerable<string?> words) => Given(words).Aggregate(Follows.None, (follows, word) => follows.Plus(ReadOne(word)));

    /// <summary>The words given, trimmed, blank ones skipped; more than <see cref="MaxWords"/> are refused.</summary>
    public static IReadOnlyList<string> Given(IEnumerable<string?> words)
    {
        var given = words.Where(w => !string.IsNullOrWhiteSpace(w)).Select(w => w!.Trim()).ToList();
        return given.Count <= MaxWords ? given : throw new MalformedFollowException($"at most {MaxWords} follows can be sent at once; {given.Count} were");
    }

    /// <summary>One follow word: a platform, a provision or a clause type.</summary>
    public static Follows ReadOne(string word)
    {
        if (word.Length > MaxLength)
            throw new MalformedFollowException($"a follow of {word.Length.ToString("N0", CultureInfo.InvariantCulture)} characters was refused: none is longer than {MaxLength}");
        if (word.AsSpan().ContainsAnyExcept(Allowed))
            throw new MalformedFollowException($"'{VisibleText.Bounded(word, Quoted)}' is not something to follow: {Expected}");
        try
        {
            return Follows.Parse([word]);
        }
        catch (FormatException)
        {
            throw new MalformedFollowException($"'{VisibleText.Bounded(word, Quoted)}' is not something to follow: {Expected}");
        }
    }

    private const string Expected =
        "write a platform (example-ai), a provision (platform/terms-type/slug, as in a provision page's address) or a clause type (type:ID)";
}
