namespace Snapshots.Changes;

/// <summary>
/// One heading of a Markdown document and the text under it, up to the next heading of any level.
/// Subsections are separate sections, so a change is attributed to the smallest heading that holds it.
/// </summary>
/// <param name="Position">0-based order of the section in its document (the preamble, when present, is 0).</param>
/// <param name="Level">1..6 for headings, 0 for the preamble.</param>
/// <param name="Title">The heading text as a reader sees it, without '#' marks or inline Markdown.</param>
/// <param name="Path">Titles of the enclosing headings and this one, joined by " > ", e.g. "3. Your rights > 3.2 Deletion".</param>
/// <param name="Body">The text under the heading, trimmed; may be empty.</param>
internal sealed record Section(int Position, int Level, string Title, string Path, string Body)
{
    /// <summary>Title given to the text that comes before the first heading.</summary>
    public const string PreambleTitle = "(preamble)";

    public const string PathSeparator = " > ";

    public bool IsPreamble => Level == 0;
}
