namespace Snapshots.Changes;

/// <summary>A section of the previous version and its counterpart in the current one.</summary>
internal sealed record SectionPair(Section Previous, Section Current);

/// <summary>
/// Pairs sections of two versions: the preamble with the preamble, then by heading path, then by heading
/// title alone (a section moved under another parent), then by body similarity (a renamed heading).
/// Repeated keys pair in order of appearance. Unpaired sections were added or removed.
/// </summary>
internal static class SectionMatcher
{
    /// <summary>Bodies at least this similar are the same section under a new heading.</summary>
    public const double RenameThreshold = 0.6;

    /// <summary>Unpaired current times unpaired previous sections past which renamed sections are not looked for.</summary>
    public const long MaxRenameComparisons = 250_000;

    public static IReadOnlyList<SectionPair> Match(IReadOnlyList<Section> previous, IReadOnlyList<Section> current)
    {
        var pairs = new List<SectionPair>();
        var usedPrevious = new HashSet<int>();
        var usedCurrent = new HashSet<int>();

        void Pair(Section p, Section c)
        {
            pairs.Add(new SectionPair(p, c));
            usedPrevious.Add(p.Position);
            usedCurrent.Add(c.Position);
        }

        foreach (Func<Section, string> key in new Func<Section, string>[] { PathKey, s => HeadingText.Key(s.Title) })
        {
            var waiting = previous.Where(s => !usedPrevious.Contains(s.Position))
                .GroupBy(key)
                .ToDictionary(g => g.Key, g => new Queue<Section>(g));
            foreach (var section in current.Where(s => !usedCurrent.Contains(s.Position)).ToList())
                if (waiting.TryGetValue(key(section), out var queue) && queue.Count > 0)
                    Pair(queue.Dequeue(), section);
        }

        // Pairing by body compares every unpaired section with every other: past MaxRenameComparisons (thousands of sections
        // renamed at once) they stay removed and added, so no change takes time that grows with the square of its sections.
        var unpaired = current.Where(s => !usedCurrent.Contains(s.Position) && s.Body.Length > 0).ToList();
        if ((long)unpaired.Count * (previous.Count - usedPrevious.Count) > MaxRenameComparisons) unpaired.Clear();
        foreach (var section in unpaired)
        {
            var best = previous
                .Where(p => !usedPrevious.Contains(p.Position) && p.Body.Length > 0 && p.IsPreamble == section.IsPreamble)
                .Select(p => (Section: p, Score: TextSimilarity.Of(p.Body, section.Body)))
                .Where(x => x.Score >= RenameThreshold)
                .OrderByDescending(x => x.Score).ThenBy(x => x.Section.Position)
                .FirstOrDefault();
            if (best.Section is not null) Pair(best.Section, section);
        }

        return pairs.OrderBy(p => p.Current.Position).ToList();
    }

    private static string PathKey(Section section) =>
        string.Join('\n', section.Path.Split(Section.PathSeparator).Select(HeadingText.Key));
}
