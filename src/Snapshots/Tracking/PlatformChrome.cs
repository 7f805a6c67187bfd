using Snapshots.Changes;

namespace Snapshots.Tracking;

/// <summary>What changed on one document was only platform chrome: the blocks that came and went on every document of the platform.</summary>
internal sealed record ChromeChange(IReadOnlyList<string> Added, IReadOnlyList<string> Removed, int Documents)
{
    public string Describe()
    {
        static string Quote(string block) => "\"" + (block.Length > 80 ? block[..77] + "..." : block).ReplaceLineEndings(" ") + "\"";
        var parts = Added.Select(b => "+" + Quote(b)).Concat(Removed.Select(b => "-" + Quote(b)));
        return $"site chrome changed identically on all {Documents} documents of the platform: {string.Join(", ", parts)}";
    }
}

/// <summary>
/// Site chrome found across a platform's documents: a change of one document is chrome when every block it added is, at
/// this capture, in every other document of the platform and in none of the texts they had before, every block it removed
/// is in one of the texts each had before and in none of their texts now (the block changed everywhere at once), the rest
/// of the text is the same in the same order, and no changed block touches a governance topic (such a block is never
/// chrome, even if every document repeats it). What a document "had before" is its recorded text, and in a history import
/// also its capture before this round (which holds chrome folded earlier, that its recorded text does not). Pure: no I/O.
/// </summary>
internal static class PlatformChrome
{
    /// <param name="served">The text the document served last.</param>
    /// <param name="candidate">Its text now.</param>
    /// <param name="siblings">Every other document of the platform: the texts it had before (the text it served last, and its
    /// previous capture's when known) and its text now.</param>
    public static ChromeChange? OnlyChrome(string served, string candidate, IReadOnlyList<(IReadOnlyList<string> Before, string Now)> siblings, TopicClassifier topics)
    {
        ArgumentNullException.ThrowIfNull(siblings);
        ArgumentNullException.ThrowIfNull(topics);
        if (siblings.Count == 0) return null;
        var before = Blocks(served);
        var after = Blocks(candidate);
        var added = after.Except(before).Distinct().ToList();
        var removed = before.Except(after).Distinct().ToList();
        if (added.Count + removed.Count == 0) return null; // only the order changed: a move is a change
        if (!before.Where(b => !removed.Contains(b)).SequenceEqual(after.Where(b => !added.Contains(b)))) return null;

        var siblingBlocks = siblings.Select(s => (Before: s.Before.SelectMany(Blocks).ToHashSet(StringComparer.Ordinal), Now: Blocks(s.Now).ToHashSet(StringComparer.Ordinal))).ToList();
        var changedTogether =
            added.All(b => siblingBlocks.All(s => s.Now.Contains(b) && !s.Before.Contains(b)))
            && removed.All(b => siblingBlocks.All(s => s.Before.Contains(b) && !s.Now.Contains(b)));
        if (!changedTogether || topics.Classify(added.Concat(removed)).Count > 0) return null;
        return new ChromeChange(added, removed, siblings.Count + 1);
    }

    /// <summary>The text's blocks: paragraphs, headings, list and table blocks as the Markdown separates them (blank lines).</summary>
    public static IReadOnlyList<string> Blocks(string text) =>
        text.ReplaceLineEndings("\n").Split("\n\n").Select(b => b.Trim()).Where(b => b.Length > 0).ToList();
}
