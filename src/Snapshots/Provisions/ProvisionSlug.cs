using System.Text;
using Snapshots.Catalog;
using Snapshots.Changes;
using Snapshots.Text;

namespace Snapshots.Provisions;

/// <summary>
/// Readable names for provisions: the nearest heading (without its numbering, at most <see cref="HeadingWords"/> words)
/// followed by the first words of the provision's text (without its clause number, at most <see cref="TextWords"/> words),
/// transliterated to ASCII (AnyAscii, as platform ids are), lower-case, kebab-case, at most <see cref="MaxLength"/> characters
/// cut at a hyphen: "model-improvement-we-do-not-use-inputs-and" for the first paragraph under "3.1 Model improvement".
/// A slug names its provision for as long as the provision lives (the lineage carries it from version to version) and is
/// never given to another provision of the same document.
/// </summary>
public static class ProvisionSlug
{
    public const int HeadingWords = 4;
    public const int TextWords = 6;
    public const int MaxLength = 72;
    private const int FirstCharacters = 240;

    /// <summary>The slug for a provision whose text is <paramref name="text"/> under the heading <paramref name="heading"/>.</summary>
    public static string From(string? heading, ReadOnlySpan<char> text)
    {
        var words = new List<string>(HeadingWords + TextWords);
        if (heading is { Length: > 0 }) words.AddRange(HeadingWordsOf(heading));
        var headingCount = words.Count;
        // The first words are all it takes: a long provision is not made plain to the end.
        var start = ClauseNumber.Strip(text);
        AddWords(words, HeadingText.Plain(start[..Math.Min(start.Length, FirstCharacters)].ToString()), TextWords);
        // A provision that repeats its heading's words ("Definitions: definitions ...") says them once.
        if (headingCount > 0 && words.Count > headingCount && words[headingCount] == words[headingCount - 1]) words.RemoveAt(headingCount);

        var slug = new StringBuilder(MaxLength);
        foreach (var word in words)
        {
            if (slug.Length + word.Length + (slug.Length > 0 ? 1 : 0) > MaxLength)
            {
                if (slug.Length == 0) slug.Append(word.AsSpan(0, MaxLength).TrimEnd('-'));
                break;
            }
            if (slug.Length > 0) slug.Append('-');
            slug.Append(word);
        }
        return slug.Length > 0 ? slug.ToString() : "provision";
    }

    /// <summary>The slug words of a heading; the provisions under one heading come one after another, so the last is kept.</summary>
    private static IReadOnlyList<string> HeadingWordsOf(string heading)
    {
        if (lastHeading is { } last && ReferenceEquals(last.Heading, heading)) return last.Words;
        var words = new List<string>(HeadingWords);
        AddWords(words, HeadingText.Key(heading), HeadingWords);
        lastHeading = (heading, words);
        return words;
    }

    [ThreadStatic]
    private static (string Heading, List<string> Words)? lastHeading;

    /// <summary><paramref name="slug"/> when nobody has it, else the first of "slug-2", "slug-3", ... that is free; it is then taken.</summary>
    public static string Unique(string slug, ISet<string> taken)
    {
        if (taken.Add(slug)) return slug;
        for (var n = 2; ; n++)
        {
            var candidate = $"{slug}-{n}";
            if (taken.Add(candidate)) return candidate;
        }
    }

    private static readonly System.Buffers.SearchValues<char> AsciiLettersAndDigits =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

    private static void AddWords(List<string> into, string text, int max)
    {
        var added = 0;
        var start = -1;
        for (var i = 0; i <= text.Length && added < max; i++)
        {
            var inWord = i < text.Length && (LetterOrNumber.Is(text[i]) || (start >= 0 && text[i] is '\'' or '’' && i + 1 < text.Length && LetterOrNumber.Is(text[i + 1])));
            if (inWord)
            {
                if (start < 0) start = i;
                continue;
            }
            if (start < 0) continue;
            var raw = text.AsSpan(start, i - start);
            // Most words are plain ASCII letters and digits: their slug is the word in lower case (no transliteration needed).
            var word = !raw.ContainsAnyExcept(AsciiLettersAndDigits) ? raw.ToString().ToLowerInvariant()
                : Slug.From(AnyAscii.Transliteration.Transliterate(raw.ToString().Replace("'", "").Replace("’", "")));
            start = -1;
            if (word.Length == 0) continue;
            into.Add(word);
            added++;
        }
    }
}
