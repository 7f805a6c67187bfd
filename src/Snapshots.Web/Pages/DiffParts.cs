namespace Snapshots.Web.Pages;

/// <summary>
/// A change of any size shown in parts: the changed sections in order, cut so that a part holds at most
/// <see cref="MaxRunsPerPart"/> things a template loops over (sections, their topics, paragraphs and word runs). A section
/// longer than that goes on in the next part (marked continued), and so does a paragraph of more runs than that. The version
/// and compare pages show one part, chosen by <c>?part=N</c>, with links to the others.
/// </summary>
public static class DiffParts
{
    public const int MaxRunsPerPart = 5_000;

    public static IReadOnlyList<IReadOnlyList<SectionDiffView>> Cut(IReadOnlyList<SectionDiffView> sections, int maxRuns = MaxRunsPerPart)
    {
        var parts = new List<IReadOnlyList<SectionDiffView>>();
        var part = new List<SectionDiffView>();
        var used = 0;
        foreach (var section in sections)
        {
            var paragraphs = new List<ParagraphDiffView>();
            var continued = false;
            var head = 1 + section.Topics.Count;
            if (used + head > maxRuns && part.Count > 0) Close();
            used += head;
            foreach (var paragraph in section.Paragraphs)
            {
                for (var at = 0; at < Math.Max(1, paragraph.Segments.Count); at += maxRuns - 1)
                {
                    // A table is shown whole (it is bounded by TableDiff.MaxRuns); a paragraph of words is cut between runs.
                    var piece = paragraph.Runs <= maxRuns - 1 ? paragraph : new ParagraphDiffView(paragraph.Segments.Skip(at).Take(maxRuns - 1).ToList());
                    var cost = 1 + piece.Runs;
                    if (used + cost > maxRuns && (part.Count > 0 || paragraphs.Count > 0))
                    {
                        part.Add(section with { Paragraphs = paragraphs, Continued = continued });
                        Close();
                        paragraphs = [];
                        continued = true;
                        used = head;
                    }
                    paragraphs.Add(piece);
                    used += cost;
                    if (ReferenceEquals(piece, paragraph)) break;
                }
            }
            part.Add(section with { Paragraphs = paragraphs, Continued = continued });
        }
        if (part.Count > 0 || parts.Count == 0) parts.Add(part);
        return parts;

        void Close()
        {
            parts.Add(part);
            part = [];
            used = 0;
        }
    }
}
