using System.Text;
using Snapshots.Changes;

namespace Snapshots.Provisions;

/// <summary>
/// What the lineage compares of one provision: its text without its leading clause number and with every run of white
/// space made one space (so renumbering and reflowing are no change of text), its heading path with and without numbering,
/// and its words, counted when first needed.
/// </summary>
internal sealed class ComparableProvision
{
    private Dictionary<string, int>? words;
    private int wordCount = -1;

    /// <param name="paths">Heading paths already made into keys, by the list the splitter shares among a section's provisions.</param>
    public ComparableProvision(int index, Provision provision, string versionText, Dictionary<IReadOnlyList<string>, (string Raw, string Key)> paths)
    {
        Index = index;
        Provision = provision;
        var own = provision.Range.SpanOf(versionText);
        var numberLength = ClauseNumber.Length(own);
        Number = numberLength == 0 ? null : own[..numberLength].ToString().Replace("**", "").Trim();
        Text = Collapse(own[numberLength..]);
        if (!paths.TryGetValue(provision.HeadingPath, out var path))
            paths[provision.HeadingPath] = path = (string.Join('\n', provision.HeadingPath), string.Join('\n', provision.HeadingPath.Select(HeadingText.Key)));
        (RawPath, PathKey) = path;
    }

    /// <summary>Position in the list given to the lineage (the provision's ordinal when the list is a whole version).</summary>
    public int Index { get; }
    public Provision Provision { get; }
    public string? Number { get; }

    /// <summary>The text as compared: no leading clause number, white space collapsed.</summary>
    public string Text { get; }

    public string RawPath { get; }
    public string PathKey { get; }

    public Dictionary<string, int> Words => words ??= WordsOf(Text);

    public int WordCount => wordCount >= 0 ? wordCount : wordCount = Words.Values.Sum();

    public int Length => Text.Length;

    /// <summary>
    /// The words of <see cref="TextSimilarity"/>, except that a run of Chinese, Japanese or Korean characters, which is
    /// written without spaces and would be one word, counts as its overlapping pairs of characters ("个人信息" → "个人",
    /// "人信", "信息"), so that an edit inside a sentence leaves most of it the same.
    /// </summary>
    internal static Dictionary<string, int> WordsOf(string text)
    {
        var words = TextSimilarity.Words(text);
        List<(string Word, int Count)>? spaceless = null;
        foreach (var (word, count) in words)
            if (word.Any(IsSpaceless)) (spaceless ??= []).Add((word, count));
        if (spaceless is null) return words;
        foreach (var (word, count) in spaceless)
        {
            words.Remove(word);
            if (word.Length == 1)
            {
                words[word] = words.GetValueOrDefault(word) + count;
                continue;
            }
            for (var k = 0; k + 1 < word.Length; k++)
            {
                var pair = word.Substring(k, 2);
                words[pair] = words.GetValueOrDefault(pair) + count;
            }
        }
        return words;
    }

    private static bool IsSpaceless(char c) =>
        c is (>= '\u3040' and <= '\u30FF') or (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF') or (>= '\uAC00' and <= '\uD7AF') or (>= '\uF900' and <= '\uFAFF');

    private static string Collapse(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }
            if (space) builder.Append(' ');
            space = false;
            builder.Append(c);
        }
        return builder.ToString();
    }
}
